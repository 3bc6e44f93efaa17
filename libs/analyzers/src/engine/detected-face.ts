/** A face box in frame pixels: [x, y, width, height]. */
export type FaceBox = readonly [number, number, number, number];

/** What every mode returns for a face: the overall score, the detector's score, the box and the pose. */
export type DetectedFace = Readonly<{
  score: number;
  boxScore: number;
  box: FaceBox;
  /** Head turn in radians (from the face mesh); 0, 0 is frontal. */
  yaw: number;
  pitch: number;
}>;

/** Anti-spoofing `real` and liveness `live`, each 0..1, 1 meaning a genuine live face. */
export type QualityFace = DetectedFace & Readonly<{ real: number; live: number }>;

/** The 1024-value face descriptor of human's faceres model. */
export type BiometryFace = DetectedFace & Readonly<{ embedding: readonly number[] }>;
