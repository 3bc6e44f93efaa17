import type { JsonObject } from '../events/event';
import type { BlobRef, MediaType } from '../events/media-uploaded.event';

/** A file the gateway has already stored in the blob store; the id comes from the caller. */
export type MediaInput = Readonly<{
  media_id: string;
  original_name: string;
  media_type: MediaType;
  tags: readonly string[];
  meta_data?: JsonObject;
  blob: BlobRef;
}>;
