import type { JsonObject, MediaType } from '@forensics/domain';
import type { Timestamp } from './timestamp';

/** One row of `media`: a file of a folder, as the API embeds it in `media[]` and `source_media`. */
export type MediaRow = Readonly<{
  folder_id: string;
  media_id: string;
  company_id: string;
  /** Upload order within the folder, from 0: the order of `media[]`. */
  position: number;
  media_type: MediaType;
  original_name: string;
  tags: readonly string[];
  info: JsonObject;
  meta_data: JsonObject;
  blob_sha256: string;
  blob_size: number;
  blob_mime: string;
  /** Served URLs depend on the gateway's public address, so the fold leaves them null. */
  original_url: string | null;
  thumb_url: string | null;
  /** The old Oz name of the media id; always equal to `media_id`. */
  image_id: string;
  folder_time_created: Timestamp;
  time_created: Timestamp;
  time_updated: Timestamp;
  /** The folder version whose event last changed this row: a batch writes only rows past its start. */
  changed_version: number;
}>;
