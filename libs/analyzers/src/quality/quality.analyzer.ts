import type { JsonObject } from '@forensics/domain';
import type { AnalysisMedia, Artifact, Findings } from '../analysis/analysis-request';
import { singleFaceFrames, type FaceAbsence } from '../analysis/face-presence';
import type { FaceEngine } from '../engine/face-engine';
import { decodeMedia } from '../media/decode-media';
import { encodeJpeg } from '../media/encode-jpeg';
import type { RgbFrame } from '../media/rgb-frame';
import { pickBestShot } from './best-shot';
import { mediaSpoofing } from './confidence-spoofing';
import { qualityParams } from './quality-params';
import { qualityVerdict } from './quality-verdict';

type MediaLiveness =
  | Readonly<{ media_id: string; absent: FaceAbsence }>
  | Readonly<{ media_id: string; confidenceSpoofing: number; frames: number; bestFrame: RgbFrame }>;

/** QUALITY (liveness): confidence_spoofing per media, the worst media decides, plus a best shot each. */
export async function analyzeQuality(engine: Pick<FaceEngine, 'detectForQuality'>, media: readonly AnalysisMedia[], rawParams: JsonObject): Promise<Findings> {
  const params = qualityParams(rawParams);
  const judged: MediaLiveness[] = [];
  for (const item of media) judged.push(await judgeMedia(engine, item));

  const absent = judged.find((m) => 'absent' in m);
  if (absent && 'absent' in absent) {
    return { resolution: 'DECLINED', results_data: { reason: absent.absent, media_id: absent.media_id }, results_media: judged.map(resultMedia), artifacts: [] };
  }
  const scored = judged.flatMap((m) => ('absent' in m ? [] : [m]));
  const worst = Math.max(...scored.map((m) => m.confidenceSpoofing));
  const artifacts: Artifact[] = [];
  if (params.extractBestShot) {
    for (const m of scored) artifacts.push({ media_id: m.media_id, kind: 'best_shot', mime: 'image/jpeg', bytes: await encodeJpeg(m.bestFrame) });
  }
  return {
    resolution: qualityVerdict(scored.map((m) => m.confidenceSpoofing), params.thresholdSpoofing),
    results_data: { confidence_spoofing: worst, threshold_spoofing: params.thresholdSpoofing },
    results_media: judged.map(resultMedia),
    artifacts,
  };
}

async function judgeMedia(engine: Pick<FaceEngine, 'detectForQuality'>, item: AnalysisMedia): Promise<MediaLiveness> {
  const frames = await decodeMedia(item.mime, item.bytes);
  const detections = [];
  for (const frame of frames) detections.push({ frame, faces: await engine.detectForQuality(frame) });
  const withFace = singleFaceFrames(detections);
  if (typeof withFace === 'string') return { media_id: item.media_id, absent: withFace };
  const best = pickBestShot(withFace);
  return {
    media_id: item.media_id,
    confidenceSpoofing: mediaSpoofing(withFace.map(({ face }) => face)),
    frames: withFace.length,
    bestFrame: best.frame,
  };
}

function resultMedia(m: MediaLiveness): JsonObject {
  const results_data = 'absent' in m ? { reason: m.absent } : { confidence_spoofing: m.confidenceSpoofing, frames_analysed: m.frames };
  return { media_id: m.media_id, source_media_id: m.media_id, results_data };
}
