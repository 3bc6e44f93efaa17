import type { DomainEvent, JsonObject } from './event';

export const MEDIA_TYPES = ['IMAGE_FOLDER', 'VIDEO_FOLDER', 'SHOTS_SET_FOLDER'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** The media types the blob store accepts, sniffed from the bytes, and the Oz type of each. */
export const MEDIA_MIME_TYPES: Readonly<Record<string, MediaType>> = {
  'image/jpeg': 'IMAGE_FOLDER',
  'image/png': 'IMAGE_FOLDER',
  'video/mp4': 'VIDEO_FOLDER',
  'video/quicktime': 'VIDEO_FOLDER',
  'video/webm': 'VIDEO_FOLDER',
};

/** Where the bytes live: the blob store is content-addressed by sha256. */
export type BlobRef = Readonly<{ sha256: string; size: number; mime: string }>;

/** A photo or a video was added to a folder, with the tags the client gave it. */
export type MediaUploaded = DomainEvent<
  'MediaUploaded',
  {
    media_id: string;
    original_name: string;
    media_type: MediaType;
    tags: readonly string[];
    meta_data: JsonObject;
    blob: BlobRef;
  }
>;
