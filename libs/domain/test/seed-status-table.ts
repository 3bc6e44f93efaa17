// reference/seeds/statuses-in-api.md, "Statuses in API", as data: one row per value, one column per
// field; "-" marks a value that the field never holds.
import type { ResolutionStatus } from '../src';

export const FIELDS = ['analyse.state', 'analyse.resolution_status', 'folder.resolution_status', 'system_resolution'] as const;
export type Field = (typeof FIELDS)[number];

export const SEED_TABLE: Readonly<Record<ResolutionStatus, Readonly<Record<Field, string>>>> = {
  INITIAL: { 'analyse.state': '-', 'analyse.resolution_status': '-', 'folder.resolution_status': 'starting state', system_resolution: 'starting state' },
  PROCESSING: { 'analyse.state': 'starting state', 'analyse.resolution_status': 'starting state', 'folder.resolution_status': 'analyses in progress', system_resolution: 'analyses in progress' },
  FAILED: { 'analyse.state': 'system error', 'analyse.resolution_status': 'system error', 'folder.resolution_status': 'system error', system_resolution: 'system error' },
  FINISHED: { 'analyse.state': 'finished successfully', 'analyse.resolution_status': '-', 'folder.resolution_status': 'finished successfully', system_resolution: '-' },
  DECLINED: { 'analyse.state': '-', 'analyse.resolution_status': 'check failed', 'folder.resolution_status': '-', system_resolution: 'check failed' },
  OPERATOR_REQUIRED: { 'analyse.state': '-', 'analyse.resolution_status': 'additional check is needed', 'folder.resolution_status': '-', system_resolution: 'additional check is needed' },
  SUCCESS: { 'analyse.state': '-', 'analyse.resolution_status': 'check succeeded', 'folder.resolution_status': '-', system_resolution: 'check succeeded' },
};

/** The values a field may hold: the rows whose cell in its column is not "-". */
export const allowedValues = (field: Field): ResolutionStatus[] =>
  (Object.keys(SEED_TABLE) as ResolutionStatus[]).filter((value) => SEED_TABLE[value][field] !== '-');
