import type { FolderResolutionStatus, JsonObject, SystemResolution } from '@forensics/domain';
import type { Timestamp } from './timestamp';

/** One row of `folders`: what `GET /api/folders/{id}/` shows of the folder itself. */
export type FolderRow = Readonly<{
  folder_id: string;
  company_id: string;
  user_id: string;
  meta_data: JsonObject;
  resolution_endpoint: string | null;
  resolution_status: FolderResolutionStatus;
  system_resolution: SystemResolution;
  /** The operators' comments on the folder's analyses, as a JSON list in a string (the seed shows `"[]"`). */
  resolution_comment: string;
  /** The group whose result is the verdict, for the webhook dispatcher; null while none decides. */
  deciding_group_id: string | null;
  time_created: Timestamp;
  time_updated: Timestamp;
}>;
