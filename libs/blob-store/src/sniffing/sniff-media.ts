import { BlobRejectedError } from '../errors/blob-rejected.error';
import { emptyFile } from '../limits/size-limit';
import { sniffImage } from './image.sniffer';
import { sniffIsoBmff } from './iso-bmff.sniffer';
import { MEDIA_TYPE_OF, type AllowedMime, type SniffedMedia } from './sniffed-media';
import { sniffWebm } from './webm.sniffer';

// Hand-written from the magic bytes instead of the `file-type` package: its current version is
// ESM-only and needs Node 22, this project runs on Node 20, and five formats take a few dozen lines.
const SNIFFERS: readonly ((bytes: Uint8Array) => AllowedMime | null)[] = [sniffImage, sniffIsoBmff, sniffWebm];

/** How many leading bytes the sniffer looks at; a stream is judged as soon as it has sent this many. */
export const SNIFF_BYTES = 4096;

/** The media type of a file from its first bytes; refuses (code 4) anything but JPEG, PNG, MP4, QuickTime and WebM. */
export function sniffMedia(head: Uint8Array): SniffedMedia {
  if (head.length === 0) throw emptyFile();
  for (const sniff of SNIFFERS) {
    const mime = sniff(head);
    if (mime !== null) return { mime, media_type: MEDIA_TYPE_OF[mime] };
  }
  throw new BlobRejectedError(
    'UNSUPPORTED_MEDIA_TYPE',
    'File content is not an allowed media type (JPEG, PNG, MP4, QuickTime, WebM)',
  );
}
