import type { AnalysisMedia } from '../analysis/analysis-request';
import { singleFaceFrames, type FaceAbsence } from '../analysis/face-presence';
import type { BiometryFace } from '../engine/detected-face';
import type { FaceEngine } from '../engine/face-engine';
import { decodeMedia } from '../media/decode-media';
import { frontality } from '../quality/best-shot';

export type BiometryModels = Pick<FaceEngine, 'detectFaces' | 'detectForBiometry'>;

/** A media's face descriptor, or why it has none. */
export type MediaDescriptor = Readonly<{ media_id: string; embedding: readonly number[] }> | Readonly<{ media_id: string; absent: FaceAbsence }>;

/**
 * One descriptor per media. A video's frames are first only detected (about a quarter of the
 * descriptor's cost); the descriptor is computed on the frame whose face is the most confident
 * and frontal detection, so a video costs about as much as two photos.
 */
export async function describeMedia(engine: BiometryModels, item: AnalysisMedia): Promise<MediaDescriptor> {
  const frames = await decodeMedia(item.mime, item.bytes);
  const [only] = frames;
  if (only && frames.length === 1) return fromDescribed(item.media_id, await engine.detectForBiometry(only));
  const detections = [];
  for (const frame of frames) detections.push({ frame, faces: await engine.detectFaces(frame) });
  const faces = singleFaceFrames(detections);
  if (typeof faces === 'string') return { media_id: item.media_id, absent: faces };
  const rank = (c: (typeof faces)[number]): number => c.face.boxScore * frontality(c.face);
  const best = faces.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  return fromDescribed(item.media_id, await engine.detectForBiometry(best.frame));
}

function fromDescribed(media_id: string, faces: readonly BiometryFace[]): MediaDescriptor {
  const [face, ...others] = faces;
  if (!face) return { media_id, absent: 'no_face' };
  return others.length > 0 ? { media_id, absent: 'several_faces' } : { media_id, embedding: face.embedding };
}
