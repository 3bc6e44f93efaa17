import type { AnalysisFailed } from '../events/analysis-failed.event';
import type { AnalysisFinished } from '../events/analysis-finished.event';
import type { AnalysisGroupSubmitted } from '../events/analysis-group-submitted.event';
import type { AnalysisResolvedByOperator } from '../events/analysis-resolved-by-operator.event';
import type { FolderEvent } from '../events/folder-event';
import type { MediaUploaded } from '../events/media-uploaded.event';
import type { MetaDataChanged } from '../events/meta-data-changed.event';
import type { AnalysisRecord, ExistingFolder, FolderState } from './folder-state';

/**
 * Folds one event into the folder state. It never throws, and it ignores an event that does not
 * fit the history (a duplicate, or a result for an unknown analysis), so applying an event twice
 * changes nothing.
 */
export function evolve(state: FolderState, event: FolderEvent): FolderState {
  if (event.type === 'FolderCreated') {
    if (state.status === 'existing') return state;
    const { folder_id, company_id, user_id, meta_data, resolution_endpoint } = event.data;
    return {
      status: 'existing',
      folder_id,
      company_id,
      user_id,
      meta_data,
      resolution_endpoint,
      media: [],
      groups: [],
      analyses: [],
      finished_group_ids: [],
    };
  }
  if (state.status !== 'existing') return state;
  switch (event.type) {
    case 'MediaUploaded':
      return addMedia(state, event);
    case 'AnalysisGroupSubmitted':
      return addGroup(state, event);
    case 'AnalysisFinished':
    case 'AnalysisFailed':
      return finishAnalysis(state, event);
    case 'AnalysisResolvedByOperator':
      return resolveByOperator(state, event);
    case 'MetaDataChanged':
      return changeMetaData(state, event);
    default:
      // Adding an event type breaks the build here until it is folded; at run time an event of
      // a type this version does not know is history that does not fit, and is ignored.
      exhaustive(event);
      return state;
  }
}

/** Folds a whole history, in stream order. */
export const evolveAll = (state: FolderState, events: readonly FolderEvent[]): FolderState =>
  events.reduce(evolve, state);

function addMedia(folder: ExistingFolder, { data }: MediaUploaded): FolderState {
  if (folder.media.some((m) => m.media_id === data.media_id)) return folder;
  return { ...folder, media: [...folder.media, data] };
}

function addGroup(folder: ExistingFolder, { data }: AnalysisGroupSubmitted): FolderState {
  const known = new Set(folder.analyses.map((a) => a.analysis_id));
  const misfit =
    data.analyses.length === 0 ||
    folder.groups.some((g) => g.group_id === data.group_id) ||
    data.analyses.some((a) => known.has(a.analysis_id));
  if (misfit) {
    return folder;
  }
  const analyses: AnalysisRecord[] = data.analyses.map((a) => ({
    analysis_id: a.analysis_id,
    group_id: data.group_id,
    type: a.type,
    source_media_ids: a.source_media_ids,
    state: 'PROCESSING',
    resolution: null,
    operator: null,
    meta_data: a.meta_data,
  }));
  const group = {
    group_id: data.group_id,
    analysis_ids: data.analyses.map((a) => a.analysis_id),
    resolution_endpoint: data.resolution_endpoint,
  };
  return { ...folder, groups: [...folder.groups, group], analyses: [...folder.analyses, ...analyses] };
}

function finishAnalysis(folder: ExistingFolder, event: AnalysisFinished | AnalysisFailed): FolderState {
  const { analysis_id, group_id } = event.data;
  const target = folder.analyses.find((a) => a.analysis_id === analysis_id && a.group_id === group_id);
  // A result is recorded once: a second result for the same analysis is history that does not fit.
  if (!target || target.state !== 'PROCESSING') return folder;
  const finished: AnalysisRecord =
    event.type === 'AnalysisFinished'
      ? { ...target, state: 'FINISHED', resolution: event.data.resolution }
      : { ...target, state: 'FAILED', resolution: null };
  const analyses = folder.analyses.map((a) => (a === target ? finished : a));
  const groupDone = analyses.filter((a) => a.group_id === group_id).every((a) => a.state !== 'PROCESSING');
  return {
    ...folder,
    analyses,
    finished_group_ids: groupDone ? [...folder.finished_group_ids, group_id] : folder.finished_group_ids,
  };
}

function resolveByOperator(folder: ExistingFolder, { data }: AnalysisResolvedByOperator): FolderState {
  const target = folder.analyses.find((a) => a.analysis_id === data.analysis_id);
  if (!target || target.resolution !== 'OPERATOR_REQUIRED' || target.operator !== null) return folder;
  const decided: AnalysisRecord = {
    ...target,
    operator: { user_id: data.operator_user_id, resolution: data.resolution, comment: data.comment },
  };
  return { ...folder, analyses: folder.analyses.map((a) => (a === target ? decided : a)) };
}

/** Sets the whole new object on its target; a target the folder does not have is history that does not fit. */
function changeMetaData(folder: ExistingFolder, { data }: MetaDataChanged): FolderState {
  const { target, target_id, meta_data } = data;
  switch (target) {
    case 'FOLDER':
      return target_id === folder.folder_id ? { ...folder, meta_data } : folder;
    case 'MEDIA': {
      const media = folder.media.find((m) => m.media_id === target_id);
      return media ? { ...folder, media: folder.media.map((m) => (m === media ? { ...m, meta_data } : m)) } : folder;
    }
    case 'ANALYSIS': {
      const analysis = folder.analyses.find((a) => a.analysis_id === target_id);
      return analysis ? { ...folder, analyses: folder.analyses.map((a) => (a === analysis ? { ...a, meta_data } : a)) } : folder;
    }
    default:
      exhaustive(target);
      return folder;
  }
}

const exhaustive = (_value: never): void => undefined;
