import type { AnalysisResponse } from '@forensics/read-model';
import { invalidValue, notExist } from '../errors/oz-http-error';
import type { VisibleFolder } from '../read/folder-reader';
import { folderJson } from './folder-json';

/** One analysis of a folder as `GET /api/analyses/{id}` answers it. */
export function analysisJson(folder: VisibleFolder, analysisId: string, baseUrl: string): AnalysisResponse {
  const analysis = folderJson(folder, { withAnalyses: true }, baseUrl).analyses?.find((a) => a.analysis_id === analysisId);
  if (!analysis) throw notExist('Analysis', { analysis_id: analysisId });
  return analysis;
}

const FILTERS = { analyse_id: 'analysis_id', type: 'type', state: 'state' } as const;

/** The folder's analyses matching the Oz filters `analyse_id`, `type`, `state` and their `.exclude` forms (comma lists). */
export function filterAnalyses(folder: VisibleFolder, query: Readonly<Record<string, unknown>>) {
  let analyses = [...folder.analyses];
  for (const [param, column] of Object.entries(FILTERS)) {
    for (const exclude of [false, true]) {
      const key = exclude ? `${param}.exclude` : param;
      const raw = query[key];
      if (raw === undefined) continue;
      if (typeof raw !== 'string') throw invalidValue(`Query parameter "${key}" must be given once`, { field: key });
      const values = raw.split(',').map((v) => (column === 'analysis_id' ? v : v.toUpperCase()));
      analyses = analyses.filter((a) => values.includes(String(a[column])) !== exclude);
    }
  }
  return analyses.sort((a, b) => a.position - b.position);
}
