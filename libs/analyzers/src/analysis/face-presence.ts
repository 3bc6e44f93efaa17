/** Why a media fails the one-face check: the analysis is DECLINED with this reason. */
export type FaceAbsence = 'no_face' | 'several_faces';

export type FrameDetection<Frame, Face> = Readonly<{ frame: Frame; faces: readonly Face[] }>;
export type FrameFace<Frame, Face> = Readonly<{ frame: Frame; face: Face }>;

/**
 * The frames that show exactly one face, or why there are none: several faces in any frame means
 * another person is in view; no face in every frame means nobody is.
 */
export function singleFaceFrames<Frame, Face>(detections: readonly FrameDetection<Frame, Face>[]): FrameFace<Frame, Face>[] | FaceAbsence {
  if (detections.some(({ faces }) => faces.length > 1)) return 'several_faces';
  const frames = detections.flatMap(({ frame, faces }) => faces.slice(0, 1).map((face) => ({ frame, face })));
  return frames.length > 0 ? frames : 'no_face';
}
