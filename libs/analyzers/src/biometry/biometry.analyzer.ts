import type { JsonObject } from '@forensics/domain';
import type { AnalysisMedia, Findings } from '../analysis/analysis-request';
import { AnalysisRequestError, FailureCode } from '../analysis/failure-codes';
import { biometryParams } from './biometry-params';
import { biometryVerdict } from './biometry-verdict';
import { cosineSimilarity } from './cosine-similarity';
import { allPairs } from './media-pairs';
import { describeMedia, type BiometryModels, type MediaDescriptor } from './media-descriptor';

type Described = Extract<MediaDescriptor, { embedding: readonly number[] }>;
type PairScore = Readonly<{ media_ids: [string, string]; confidence: number }>;

/** BIOMETRY (1:1 match): every pair compared, the least similar pair decides. */
export async function analyzeBiometry(engine: BiometryModels, media: readonly AnalysisMedia[], rawParams: JsonObject): Promise<Findings> {
  const policy = biometryParams(rawParams);
  if (media.length < 2) throw new AnalysisRequestError(FailureCode.INVALID_REQUEST, `BIOMETRY needs at least 2 media, got ${media.length}`);
  const described: MediaDescriptor[] = [];
  for (const item of media) described.push(await describeMedia(engine, item));

  const absent = described.find((d) => 'absent' in d);
  if (absent && 'absent' in absent) {
    const results_media = described.map((d) => ({ media_id: d.media_id, source_media_id: d.media_id, results_data: 'absent' in d ? { reason: d.absent } : {} }));
    return { resolution: 'DECLINED', results_data: { reason: absent.absent, media_id: absent.media_id }, results_media, artifacts: [] };
  }
  const faces = described as Described[];
  const pairs: PairScore[] = allPairs(faces).map(([a, b]) => ({ media_ids: [a.media_id, b.media_id], confidence: cosineSimilarity(a.embedding, b.embedding) }));
  const scores = pairs.map((p) => p.confidence);
  const min_confidence = Math.min(...scores);
  return {
    resolution: biometryVerdict(min_confidence, policy),
    results_data: { min_confidence, max_confidence: Math.max(...scores), threshold_match: policy.threshold, grey_band_low: policy.greyBandLow, pairs },
    results_media: faces.map((face) => perMedia(face.media_id, pairs)),
    artifacts: [],
  };
}

function perMedia(mediaId: string, pairs: readonly PairScore[]): JsonObject {
  const scores = pairs.filter((p) => p.media_ids.includes(mediaId)).map((p) => p.confidence);
  return { media_id: mediaId, source_media_id: mediaId, results_data: { min_confidence: Math.min(...scores), max_confidence: Math.max(...scores) } };
}
