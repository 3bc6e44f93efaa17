import { hasBytesAt } from './bytes';
import type { AllowedMime } from './sniffed-media';

// JPEG: SOI marker FF D8 followed by the first segment's FF. PNG: the fixed 8-byte signature.
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** JPEG or PNG from the signature, or null. */
export function sniffImage(bytes: Uint8Array): AllowedMime | null {
  if (hasBytesAt(bytes, JPEG)) return 'image/jpeg';
  if (hasBytesAt(bytes, PNG)) return 'image/png';
  return null;
}
