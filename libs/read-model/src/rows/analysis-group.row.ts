import type { SystemResolution } from '@forensics/domain';
import type { Timestamp } from './timestamp';

/** One row of `analysis_groups`: the analyses of one request, and how far they have come. */
export type AnalysisGroupRow = Readonly<{
  folder_id: string;
  group_id: string;
  company_id: string;
  /** Submission order within the folder, from 0. */
  position: number;
  analysis_ids: readonly string[];
  resolution_endpoint: string | null;
  finished: boolean;
  /** The worst `resolution_status` of its analyses, as `folderStatus()` computes it. */
  result: SystemResolution;
  time_created: Timestamp;
  time_updated: Timestamp;
  /** The folder version whose event last changed this row. */
  changed_version: number;
}>;
