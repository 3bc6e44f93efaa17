import type { JsonObject } from '../events/event';
import type { Command } from './command';
import type { MediaInput } from './media-input';
import type { AnalysisGroupRequest } from './submit-analysis-group.command';

/**
 * Open a folder with its media and, in the single-request mode, a group of analyses: all of it
 * is decided together and appended atomically.
 */
export type CreateFolder = Command<
  'CreateFolder',
  {
    folder_id: string;
    company_id: string;
    user_id: string;
    meta_data?: JsonObject;
    resolution_endpoint?: string | null;
    media: readonly MediaInput[];
    analysis_group?: AnalysisGroupRequest | null;
  }
>;
