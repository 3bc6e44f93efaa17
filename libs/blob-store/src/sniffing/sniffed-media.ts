import type { MediaType } from '@forensics/domain';

/** The content types the platform accepts, as sniffed from the bytes. */
export const ALLOWED_MIMES = ['image/jpeg', 'image/png', 'video/mp4', 'video/quicktime', 'video/webm'] as const;

/** One of the accepted content types. */
export type AllowedMime = (typeof ALLOWED_MIMES)[number];

/** The Oz media types a single stored file can be. */
export type BlobMediaType = Extract<MediaType, 'IMAGE_FOLDER' | 'VIDEO_FOLDER'>;

/** What the bytes of a file turned out to be. */
export type SniffedMedia = Readonly<{ mime: AllowedMime; media_type: BlobMediaType }>;

export const MEDIA_TYPE_OF: Readonly<Record<AllowedMime, BlobMediaType>> = {
  'image/jpeg': 'IMAGE_FOLDER',
  'image/png': 'IMAGE_FOLDER',
  'video/mp4': 'VIDEO_FOLDER',
  'video/quicktime': 'VIDEO_FOLDER',
  'video/webm': 'VIDEO_FOLDER',
};
