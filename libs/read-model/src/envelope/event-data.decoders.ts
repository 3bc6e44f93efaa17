import {
  ANALYSIS_RESOLUTIONS,
  ANALYSIS_TYPES,
  type FolderEvent,
  type FolderEventType,
  MEDIA_TYPES,
  META_DATA_TARGETS,
  OPERATOR_RESOLUTIONS,
} from '@forensics/domain';
import { type Decoder, count, id, list, nullable, object, oneOf, record, smallCount, stringMap, text } from './decoders';

type DataOf<T extends FolderEventType> = Extract<FolderEvent, { type: T }>['data'];

const folderCreatedV1 = record({
  folder_id: id,
  company_id: id,
  user_id: id,
  meta_data: object,
  resolution_endpoint: nullable(text),
});

const mediaUploadedV1 = record({
  media_id: id,
  original_name: text,
  media_type: oneOf(MEDIA_TYPES),
  tags: list(text),
  meta_data: object,
  blob: record({ sha256: text, size: count, mime: text }),
});

const analysisGroupSubmittedV1 = record({
  group_id: id,
  analyses: list(
    record({ analysis_id: id, type: oneOf(ANALYSIS_TYPES), source_media_ids: list(id), params: object, meta_data: object }),
  ),
  resolution_endpoint: nullable(text),
});

const analysisFinishedV1 = record({
  analysis_id: id,
  group_id: id,
  resolution: oneOf(ANALYSIS_RESOLUTIONS),
  results_data: nullable(object),
  results_media: list(object),
  model_versions: stringMap,
  duration_ms: smallCount,
});

const analysisFailedV1 = record({ analysis_id: id, group_id: id, error_code: smallCount, error_message: text, attempts: count });

const analysisResolvedByOperatorV1 = record({
  analysis_id: id,
  operator_user_id: id,
  resolution: oneOf(OPERATOR_RESOLUTIONS),
  comment: text,
});

const metaDataChangedV1 = record({ target: oneOf(META_DATA_TARGETS), target_id: id, meta_data: object });

/**
 * The data decoder of every event type, by schema version. A breaking change adds a version here
 * whose decoder upcasts old data to the current shape, so old events stay readable forever
 * (DESIGN.md §2); a version missing here is refused, never guessed.
 */
export const EVENT_DATA_DECODERS: { readonly [T in FolderEventType]: Readonly<Record<number, Decoder<DataOf<T>>>> } = {
  FolderCreated: { 1: folderCreatedV1 },
  MediaUploaded: { 1: mediaUploadedV1 },
  AnalysisGroupSubmitted: { 1: analysisGroupSubmittedV1 },
  AnalysisFinished: { 1: analysisFinishedV1 },
  AnalysisFailed: { 1: analysisFailedV1 },
  AnalysisResolvedByOperator: { 1: analysisResolvedByOperatorV1 },
  MetaDataChanged: { 1: metaDataChangedV1 },
};
