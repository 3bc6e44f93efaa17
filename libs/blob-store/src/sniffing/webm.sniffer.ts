import { hasBytesAt, latin1 } from './bytes';
import { readVint } from './ebml-vint';
import type { AllowedMime } from './sniffed-media';

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const DOC_TYPE_ID = 0x4282;

/** The DocType inside the EBML header that opens the bytes, or null. */
export function ebmlDocType(bytes: Uint8Array): string | null {
  if (!hasBytesAt(bytes, EBML_MAGIC)) return null;
  const headerSize = readVint(bytes, EBML_MAGIC.length, 'size');
  if (headerSize === null) return null;
  let offset = EBML_MAGIC.length + headerSize.length;
  const headerEnd = Math.min(bytes.length, offset + headerSize.value);
  while (offset < headerEnd) {
    const id = readVint(bytes, offset, 'id');
    const size = id && readVint(bytes, offset + id.length, 'size');
    if (!id || !size) return null;
    const start = offset + id.length + size.length;
    // EBML strings may be padded with trailing zero bytes.
    if (id.value === DOC_TYPE_ID) return latin1(bytes, start, Math.min(start + size.value, headerEnd)).replace(/\0+$/, '');
    offset = start + size.value;
  }
  return null;
}

/** WebM from the EBML DocType, or null; plain Matroska (`matroska`) is not accepted. */
export function sniffWebm(bytes: Uint8Array): AllowedMime | null {
  return ebmlDocType(bytes) === 'webm' ? 'video/webm' : null;
}
