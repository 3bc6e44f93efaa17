// The example history of docs/events.md §3, message for message: a single request (folder, two
// media, group G1 of QUALITY and BIOMETRY), the two results, an operator's decision, then group
// G2 (COLLECTION), which fails, and last the client's PATCH of the folder's metadata. Its §5
// gives the statuses after each version.
import type { FolderEnvelope } from '../src';

export const FOLDER = '3f1c9a52-7b4e-4d2a-9c61-0e8f5a7d2b14';
export const COMPANY = '8a2d6e10-4c3b-4f7a-b5d9-2e1f0c9a7b36';
export const CLIENT = 'c5e7b1a4-9d2f-4e86-a0b3-71f4d8c2e950';
export const WORKER = '5b0e9c3d-6f21-4a87-8d4e-0c9b7a2f1e63';
export const OPERATOR = 'd8e2a6f0-4b7c-4d39-8a15-9f3c1e7b2d04';
export const SELFIE = 'e4a9c2d7-1b5f-4a83-9e60-3c7d1f2b8a45';
export const ID_FRONT = 'f1b3d8e6-2c4a-4b97-8d15-6a9e0c3f7b21';
export const G1 = '9d4f2a6c-5e1b-4c78-b3a0-8f2e7d1c6b59';
export const G2 = 'c3e7a1b5-9f4d-4c26-b8ea-6d1f3a9b2c78';
export const QUALITY = 'a7c1e5b9-3d2f-4a68-9b40-1e6f8d2c7a53';
export const BIOMETRY = 'b2d6f0a4-8e3c-4b15-a7d9-5c0e2f8a1b67';
export const COLLECTION = 'd4f8b2c6-a05e-4d37-89fb-7e2a4b0c3d89';

type Head = Readonly<{
  event_id: string;
  global_position: number;
  occurred_at: string;
  user_id: string;
  correlation_id: string;
  causation_id: string | null;
}>;

const REQUEST_1 = { occurred_at: '2026-11-22T09:14:03.118Z', user_id: CLIENT, correlation_id: '7e3b9f12-5c4a-4d8e-b6f0-2a1c9d8e7f35', causation_id: null };

const envelope = <E extends Pick<FolderEnvelope, 'type' | 'data'>>(stream_version: number, head: Head, event: E) => ({
  schema_version: 1,
  stream_id: FOLDER,
  stream_version,
  recorded_at: new Date(Date.parse(head.occurred_at) + 7).toISOString(),
  company_id: COMPANY,
  ...head,
  ...event,
});

export const V1_FOLDER_CREATED = envelope(1, { ...REQUEST_1, event_id: '0c6f1d2e-8a41-4b7e-9f35-2d7a6c1e4b90', global_position: 48213 }, {
  type: 'FolderCreated',
  data: {
    folder_id: FOLDER,
    company_id: COMPANY,
    user_id: CLIENT,
    meta_data: { partner_side_folder_id: 'loan-2026-118734' },
    resolution_endpoint: 'https://kyc.partner.example/hooks/forensics',
  },
});

export const V2_SELFIE_UPLOADED = envelope(2, { ...REQUEST_1, event_id: '1d7a2e3f-9b52-4c8f-a046-3e8b7d2f5ca1', global_position: 48214 }, {
  type: 'MediaUploaded',
  data: {
    media_id: SELFIE,
    original_name: 'selfie.mp4',
    media_type: 'VIDEO_FOLDER',
    tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
    meta_data: {},
    blob: { sha256: 'e0e3bf3fa1ade00190b7137e857e2b3f1dc56367c3d273834e79102c8c4b3b41', size: 2483117, mime: 'video/mp4' },
  },
});

export const V3_ID_UPLOADED = envelope(3, { ...REQUEST_1, event_id: '2e8b3f40-ac63-4d90-b157-4f9c8e306db2', global_position: 48215 }, {
  type: 'MediaUploaded',
  data: {
    media_id: ID_FRONT,
    original_name: 'id-front.jpg',
    media_type: 'IMAGE_FOLDER',
    tags: ['photo_id', 'photo_id_front'],
    meta_data: {},
    blob: { sha256: 'febd886651e19ed57b68d1c020692149809837842d0878bbfc47ecfb37640843', size: 412906, mime: 'image/jpeg' },
  },
});

export const V4_G1_SUBMITTED = envelope(4, { ...REQUEST_1, event_id: '3f9c4051-bd74-4ea1-8268-50ad9f417ec3', global_position: 48216 }, {
  type: 'AnalysisGroupSubmitted',
  data: {
    group_id: G1,
    analyses: [
      { analysis_id: QUALITY, type: 'QUALITY', source_media_ids: [SELFIE], params: { threshold_spoofing: 0.5, extract_best_shot: true }, meta_data: {} },
      { analysis_id: BIOMETRY, type: 'BIOMETRY', source_media_ids: [SELFIE, ID_FRONT], params: {}, meta_data: {} },
    ],
    resolution_endpoint: null,
  },
});

const byWorker = (event_id: string, global_position: number, occurred_at: string, causation_id: string, correlation_id = REQUEST_1.correlation_id): Head => ({
  event_id,
  global_position,
  occurred_at,
  user_id: WORKER,
  correlation_id,
  causation_id,
});

export const V5_QUALITY_FINISHED = envelope(5, byWorker('40ad5162-ce85-4fb2-9379-61bea0528fd4', 48291, '2026-11-22T09:14:05.402Z', V4_G1_SUBMITTED.event_id), {
  type: 'AnalysisFinished',
  data: {
    analysis_id: QUALITY,
    group_id: G1,
    resolution: 'SUCCESS',
    results_data: null,
    results_media: [
      {
        source_media_id: SELFIE,
        results_data: { confidence_spoofing: 0.0731 },
        output_images: [{ original_url: `https://forensics.example.com/api/media/${SELFIE}/best-shot.jpg` }],
      },
    ],
    model_versions: { human: '3.3.6', antispoof: '1.0', liveness: '1.0' },
    duration_ms: 1840,
  },
});

export const V6_BIOMETRY_FINISHED = envelope(6, byWorker('51be6273-df96-40c3-a48a-72cfb16390e5', 48305, '2026-11-22T09:14:06.871Z', V4_G1_SUBMITTED.event_id), {
  type: 'AnalysisFinished',
  data: {
    analysis_id: BIOMETRY,
    group_id: G1,
    resolution: 'OPERATOR_REQUIRED',
    results_data: { min_confidence: 0.8124, max_confidence: 0.8124, pairs: [{ media_ids: [SELFIE, ID_FRONT], confidence: 0.8124 }] },
    results_media: [
      { source_media_id: SELFIE, results_data: { faces: 1 } },
      { source_media_id: ID_FRONT, results_data: { faces: 1 } },
    ],
    model_versions: { human: '3.3.6', faceres: '1.0' },
    duration_ms: 3120,
  },
});

export const V7_OPERATOR_DECIDED = envelope(
  7,
  {
    event_id: '62cf7384-e0a7-41d4-b59b-83d0c27401f6',
    global_position: 48877,
    occurred_at: '2026-11-22T09:31:47.250Z',
    user_id: OPERATOR,
    correlation_id: '9a4c0e23-6d5b-4e9f-87a1-3b2d0e9f8a46',
    causation_id: null,
  },
  {
    type: 'AnalysisResolvedByOperator',
    data: { analysis_id: BIOMETRY, operator_user_id: OPERATOR, resolution: 'SUCCESS', comment: 'Same person; ID photo is 8 years old.' },
  },
);

const REQUEST_2 = { occurred_at: '2026-11-22T10:02:11.634Z', user_id: CLIENT, correlation_id: 'ab5d1f34-7e6c-4fa0-98b2-4c3e1fa09b57', causation_id: null };

export const V8_G2_SUBMITTED = envelope(8, { ...REQUEST_2, event_id: '73d08495-f1b8-42e5-86ac-94e1d3851207', global_position: 51402 }, {
  type: 'AnalysisGroupSubmitted',
  data: {
    group_id: G2,
    analyses: [{ analysis_id: COLLECTION, type: 'COLLECTION', source_media_ids: [SELFIE, ID_FRONT], params: {}, meta_data: {} }],
    resolution_endpoint: null,
  },
});

export const V9_COLLECTION_FAILED = envelope(
  9,
  byWorker('84e195a6-02c9-43f6-97bd-a5f2e4962318', 51460, '2026-11-22T10:02:13.020Z', V8_G2_SUBMITTED.event_id, REQUEST_2.correlation_id),
  {
    type: 'AnalysisFailed',
    data: { analysis_id: COLLECTION, group_id: G2, error_code: 0, error_message: `Media ${SELFIE} could not be decoded: no video stream found`, attempts: 3 },
  },
);

const REQUEST_3 = { occurred_at: '2026-11-22T10:05:40.512Z', user_id: CLIENT, correlation_id: 'e61c7a09-3b8d-4f25-a9e4-5d0b2c8f7a13', causation_id: null };

export const V10_META_DATA_CHANGED = envelope(10, { ...REQUEST_3, event_id: '95f2a6b7-13da-4e07-a8ce-b6f3a5073429', global_position: 51533 }, {
  type: 'MetaDataChanged',
  data: {
    target: 'FOLDER',
    target_id: FOLDER,
    meta_data: { partner_side_folder_id: 'loan-2026-118734', client_iin: '880202400456' },
  },
});

/** Versions 1 to 10, in order. */
export const EVENTS_MD_HISTORY: readonly FolderEnvelope[] = [
  V1_FOLDER_CREATED,
  V2_SELFIE_UPLOADED,
  V3_ID_UPLOADED,
  V4_G1_SUBMITTED,
  V5_QUALITY_FINISHED,
  V6_BIOMETRY_FINISHED,
  V7_OPERATOR_DECIDED,
  V8_G2_SUBMITTED,
  V9_COLLECTION_FAILED,
  V10_META_DATA_CHANGED,
];

/** The history up to and including a version. */
export const upTo = (version: number): FolderEnvelope[] => EVENTS_MD_HISTORY.slice(0, version);

/** The same story told of another folder, so that tests sharing a database never share a folder. */
export const storyOf = (folderId: string, upToVersion = EVENTS_MD_HISTORY.length): FolderEnvelope[] =>
  upTo(upToVersion).map(
    (event) =>
      ({
        ...event,
        event_id: `${folderId}-${event.stream_version}`,
        stream_id: folderId,
        data: event.type === 'FolderCreated' ? { ...event.data, folder_id: folderId } : isFolderMetaData(event) ? { ...event.data, target_id: folderId } : event.data,
      }) as FolderEnvelope,
  );

const isFolderMetaData = (event: FolderEnvelope): boolean => event.type === 'MetaDataChanged' && event.data.target === 'FOLDER';
