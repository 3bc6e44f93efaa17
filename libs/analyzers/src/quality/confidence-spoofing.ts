type LivenessScores = Readonly<{ real: number; live: number }>;

/**
 * The probability that a frame is not a genuine live face: 1 - real x live. human's anti-spoofing
 * model (`real`: not a print or a screen) and its liveness model (`live`) judge different attacks,
 * and a genuine capture must pass both, so their product is the chance that both pass.
 */
export function frameSpoofing({ real, live }: LivenessScores): number {
  return clamp01(1 - real * live);
}

/** A media's confidence_spoofing: the mean over its frames, so one blurred frame does not decide. */
export function mediaSpoofing(frames: readonly LivenessScores[]): number {
  if (frames.length === 0) throw new Error('confidence_spoofing needs at least one frame with a face');
  const total = frames.reduce((sum, frame) => sum + frameSpoofing(frame), 0);
  return round4(total / frames.length);
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
