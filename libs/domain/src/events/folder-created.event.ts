import type { DomainEvent, JsonObject } from './event';

/** A folder, the unit of work of one verification, was opened by a user of a company. */
export type FolderCreated = DomainEvent<
  'FolderCreated',
  {
    folder_id: string;
    company_id: string;
    user_id: string;
    meta_data: JsonObject;
    resolution_endpoint: string | null;
  }
>;
