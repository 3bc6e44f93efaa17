/** An EBML variable-length integer and how many bytes it took. */
export type Vint = Readonly<{ value: number; length: number }>;

/**
 * Reads an EBML variable-length integer (RFC 8794 §4) at the offset, or null when the bytes run out.
 * Element ids keep their length marker bits (0x4282 is DocType); sizes drop them.
 */
export function readVint(bytes: Uint8Array, offset: number, kind: 'id' | 'size'): Vint | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  // The count of leading zero bits of the first byte, plus one, is the length: 0x80.. is 1 byte.
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.length) return null;
  let value = kind === 'id' ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (bytes[offset + i] ?? 0);
  return { value, length };
}
