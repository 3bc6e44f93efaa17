// Builders for folder histories, so that a test reads as the story it tells.
import {
  type Actor,
  type AnalysisResolution,
  type AnalysisType,
  type CommandMetadata,
  type EventMetadata,
  type FolderEvent,
  type FolderStatus,
  type JsonObject,
  type MediaType,
  type MetaDataTargetKind,
  type OperatorResolution,
  evolveAll,
  folderStatus,
  initialFolderState,
} from '../src';

export const FOLDER = 'folder-1';
export const COMPANY = 'company-a';
export const OTHER_COMPANY = 'company-b';
export const CLIENT_USER = 'user-client';
export const T0 = '2026-11-22T10:00:00.000Z';

export const actors = {
  client: { user_id: CLIENT_USER, company_id: COMPANY, role: 'CLIENT' },
  colleague: { user_id: 'user-colleague', company_id: COMPANY, role: 'CLIENT' },
  clientAdmin: { user_id: 'user-client-admin', company_id: COMPANY, role: 'CLIENT_ADMIN' },
  foreignClient: { user_id: 'user-foreign', company_id: OTHER_COMPANY, role: 'CLIENT' },
  operator: { user_id: 'user-operator', company_id: null, role: 'OPERATOR' },
  clientOperator: { user_id: 'user-client-operator', company_id: COMPANY, role: 'CLIENT_OPERATOR' },
  foreignOperator: { user_id: 'user-foreign-operator', company_id: OTHER_COMPANY, role: 'CLIENT_OPERATOR' },
  admin: { user_id: 'user-admin', company_id: null, role: 'ADMIN' },
  worker: { user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' },
} as const satisfies Record<string, Actor>;

export const commandMeta = (actor: Actor = actors.client, now = T0): CommandMetadata => ({
  now,
  actor,
  correlation_id: 'request-1',
});

const eventMeta = (user_id = CLIENT_USER): EventMetadata => ({
  occurred_at: T0,
  user_id,
  company_id: COMPANY,
  correlation_id: 'request-1',
});

export const blob = (seed: string, mime = 'image/jpeg') => ({ sha256: seed.padEnd(64, '0').slice(0, 64), size: 1024, mime });

/** The mime a file of this Oz media type is sniffed as in these tests. */
export const mimeOf = (media_type: MediaType): string => (media_type === 'VIDEO_FOLDER' ? 'video/mp4' : 'image/jpeg');

export const folderCreated = (resolution_endpoint: string | null = null): FolderEvent => ({
  type: 'FolderCreated',
  data: { folder_id: FOLDER, company_id: COMPANY, user_id: CLIENT_USER, meta_data: {}, resolution_endpoint },
  metadata: eventMeta(),
});

export const mediaUploaded = (media_id: string, tags: string[], media_type: MediaType = 'IMAGE_FOLDER'): FolderEvent => ({
  type: 'MediaUploaded',
  data: { media_id, original_name: `${media_id}.jpg`, media_type, tags, meta_data: {}, blob: blob('ab', mimeOf(media_type)) },
  metadata: eventMeta(),
});

/** `groupSubmitted('g1', { q1: 'QUALITY', b1: 'BIOMETRY' })`: analysis ids mapped to their types. */
export const groupSubmitted = (group_id: string, analyses: Record<string, AnalysisType>): FolderEvent => ({
  type: 'AnalysisGroupSubmitted',
  data: {
    group_id,
    analyses: Object.entries(analyses).map(([analysis_id, type]) => ({
      analysis_id,
      type,
      source_media_ids: ['selfie', 'id-front'],
      params: {},
      meta_data: {},
    })),
    resolution_endpoint: null,
  },
  metadata: eventMeta(),
});

export const finished = (analysis_id: string, group_id: string, resolution: AnalysisResolution): FolderEvent => ({
  type: 'AnalysisFinished',
  data: { analysis_id, group_id, resolution, results_data: {}, results_media: [], model_versions: {}, duration_ms: 5 },
  metadata: eventMeta(actors.worker.user_id),
});

export const failed = (analysis_id: string, group_id: string): FolderEvent => ({
  type: 'AnalysisFailed',
  data: { analysis_id, group_id, error_code: 0, error_message: 'media cannot be decoded', attempts: 1 },
  metadata: eventMeta(actors.worker.user_id),
});

export const resolvedByOperator = (analysis_id: string, resolution: OperatorResolution): FolderEvent => ({
  type: 'AnalysisResolvedByOperator',
  data: { analysis_id, operator_user_id: actors.operator.user_id, resolution, comment: 'checked by hand' },
  metadata: eventMeta(actors.operator.user_id),
});

/** `metaDataChanged('MEDIA', 'selfie', { k: 'v' })`: the whole new metadata of a target. */
export const metaDataChanged = (target: MetaDataTargetKind, target_id: string, meta_data: JsonObject, user_id = CLIENT_USER): FolderEvent => ({
  type: 'MetaDataChanged',
  data: { target, target_id, meta_data },
  metadata: eventMeta(user_id),
});

/** A folder with a selfie video and the front of an ID: enough for every analysis type. */
export const folderWithMedia = (): FolderEvent[] => [
  folderCreated(),
  mediaUploaded('selfie', ['video_selfie', 'video_selfie_blank'], 'VIDEO_FOLDER'),
  mediaUploaded('id-front', ['photo_id', 'photo_id_front']),
];

export const stateAfter = (events: readonly FolderEvent[]) => evolveAll(initialFolderState(), events);
export const statusAfter = (events: readonly FolderEvent[]): FolderStatus => folderStatus(stateAfter(events));

export const analysisStatusIn = (status: FolderStatus, analysisId: string) => {
  const found = status.analyses.find((a) => a.analysis_id === analysisId);
  if (!found) throw new Error(`analysis ${analysisId} is not in the folder`);
  return found;
};
