import { latin1, uint32BE } from './bytes';
import type { AllowedMime } from './sniffed-media';

const QUICKTIME = 'qt  ';

// MP4-family brands written by phones, browsers and ffmpeg (ISO/IEC 14496-12/-14, Apple M4V, DASH).
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash']);

// Audio-only MP4 and HEIF/AVIF still images also list isom or mp42 among their compatible brands;
// their major brand says what they really are, so it wins.
const NOT_VIDEO_MAJOR_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'heic', 'heix', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** MP4 or QuickTime from the `ftyp` box at offset 4, or null. */
export function sniffIsoBmff(bytes: Uint8Array): AllowedMime | null {
  // Box: size (4) 'ftyp' (4) major brand (4) minor version (4) compatible brands (4 each).
  // QuickTime files older than about 2000 have no ftyp box at all; they are refused.
  if (bytes.length < 16 || latin1(bytes, 4, 8) !== 'ftyp') return null;
  const boxEnd = Math.min(uint32BE(bytes, 0), bytes.length);
  if (boxEnd < 16) return null;
  const major = latin1(bytes, 8, 12);
  if (major === QUICKTIME) return 'video/quicktime';
  if (NOT_VIDEO_MAJOR_BRANDS.has(major)) return null;
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= boxEnd; at += 4) compatible.push(latin1(bytes, at, at + 4));
  if ([major, ...compatible].some((brand) => MP4_BRANDS.has(brand))) return 'video/mp4';
  if (compatible.includes(QUICKTIME)) return 'video/quicktime';
  return null;
}
