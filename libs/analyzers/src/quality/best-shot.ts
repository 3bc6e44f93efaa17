import type { DetectedFace } from '../engine/detected-face';
import type { RgbFrame } from '../media/rgb-frame';
import { laplacianVariance } from './laplacian-variance';

export type ShotCandidate = Readonly<{ frame: RgbFrame; face: DetectedFace }>;

/** How frontal a face is: 1 looking straight at the camera, falling with the head's turn and tilt. */
export function frontality(face: Pick<DetectedFace, 'yaw' | 'pitch'>): number {
  return Math.max(0, Math.cos(face.yaw) * Math.cos(face.pitch));
}

/**
 * The best shot's score: face score (is it clearly a face) x frontality (is it looking at the camera)
 * x sharpness (Laplacian variance over the face box). Each factor alone picks a bad frame: a sharp
 * profile, a blurred frontal face, or a confident detection of a turned head.
 */
export function shotScore({ frame, face }: ShotCandidate): number {
  return face.score * frontality(face) * laplacianVariance(frame, face.box);
}

/** The candidate with the highest shot score. */
export function pickBestShot<C extends ShotCandidate>(candidates: readonly C[]): C {
  if (candidates.length === 0) throw new Error('a best shot needs at least one frame with a face');
  return candidates.reduce((best, candidate) => (shotScore(candidate) > shotScore(best) ? candidate : best));
}
