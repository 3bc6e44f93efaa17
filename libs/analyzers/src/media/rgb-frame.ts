/** A decoded picture: packed 8-bit RGB, row by row, `width * height * 3` bytes. */
export type RgbFrame = Readonly<{ width: number; height: number; data: Uint8Array }>;

/** The longer side a decoded frame is scaled down to: the face models work at 256 px or less. */
export const MAX_FRAME_SIDE = 640;
