import sharp from 'sharp';
import type { RgbFrame } from './rgb-frame';

/** Encodes a frame as a JPEG, the format of the best shot the worker stores. */
export function encodeJpeg(frame: RgbFrame, quality = 90): Promise<Buffer> {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}
