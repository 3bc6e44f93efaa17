// Command builders: the smallest valid command, with overrides for the case a test is about.
import type {
  Actor,
  AddMedia,
  AnalysisRequest,
  ChangeMetaData,
  CreateFolder,
  MediaInput,
  MetaDataChange,
  MetaDataTarget,
  RecordAnalysisResult,
  ResolveAnalysisByOperator,
  SubmitAnalysisGroup,
} from '../src';
import { actors, blob, commandMeta, COMPANY, CLIENT_USER, FOLDER, mimeOf } from './folder-history';

export const mediaInput = (media_id: string, tags: string[], overrides: Partial<MediaInput> = {}): MediaInput => ({
  media_id,
  original_name: `${media_id}.jpg`,
  media_type: 'IMAGE_FOLDER',
  tags,
  blob: blob('cd', mimeOf(overrides.media_type ?? 'IMAGE_FOLDER')),
  ...overrides,
});

export const createFolder = (data: Partial<CreateFolder['data']> = {}, actor: Actor = actors.client): CreateFolder => ({
  type: 'CreateFolder',
  data: { folder_id: FOLDER, company_id: COMPANY, user_id: CLIENT_USER, media: [], ...data },
  metadata: commandMeta(actor),
});

export const addMedia = (media: readonly unknown[], actor: Actor = actors.client): AddMedia => ({
  type: 'AddMedia',
  data: { folder_id: FOLDER, media: media as MediaInput[] },
  metadata: commandMeta(actor),
});

export const submitGroup = (
  analyses: readonly Partial<AnalysisRequest>[],
  extra: Partial<SubmitAnalysisGroup['data']> = {},
  actor: Actor = actors.client,
): SubmitAnalysisGroup => ({
  type: 'SubmitAnalysisGroup',
  data: {
    folder_id: FOLDER,
    group_id: 'g1',
    analyses: analyses.map((a, n) => ({ analysis_id: `a${n + 1}`, type: 'quality', ...a })),
    ...extra,
  },
  metadata: commandMeta(actor),
});

export const recordFinished = (
  analysis_id: string,
  resolution: string,
  actor: Actor = actors.worker,
): RecordAnalysisResult => ({
  type: 'RecordAnalysisResult',
  data: {
    folder_id: FOLDER,
    analysis_id,
    outcome: {
      status: 'FINISHED',
      resolution: resolution as 'SUCCESS',
      results_data: { min_confidence: 0.5 },
      results_media: [],
      model_versions: { face: '1' },
      duration_ms: 120,
    },
  },
  metadata: commandMeta(actor),
});

export const operatorDecision = (
  analysis_id: string,
  resolution: string,
  actor: Actor = actors.operator,
): ResolveAnalysisByOperator => ({
  type: 'ResolveAnalysisByOperator',
  data: { folder_id: FOLDER, analysis_id, resolution, comment: 'looked at it' },
  metadata: commandMeta(actor),
});

export const changeMetaData = (target: MetaDataTarget, change: MetaDataChange, actor: Actor = actors.client): ChangeMetaData => ({
  type: 'ChangeMetaData',
  data: { folder_id: FOLDER, target, change },
  metadata: commandMeta(actor),
});
