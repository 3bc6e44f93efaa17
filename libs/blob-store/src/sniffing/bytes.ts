/** Whether the bytes hold the signature at the offset. */
export const hasBytesAt = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  offset + signature.length <= bytes.length && signature.every((byte, i) => bytes[offset + i] === byte);

/** The bytes in [start, end) read as one character per byte (box types, brands, doc types). */
export const latin1 = (bytes: Uint8Array, start: number, end: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, Math.min(end, bytes.length));

/** A big-endian unsigned 32-bit integer at the offset; the caller checks the length. */
export const uint32BE = (bytes: Uint8Array, offset: number): number =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32BE(offset);
