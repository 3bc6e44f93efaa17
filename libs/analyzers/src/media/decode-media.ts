import { decodeImage } from './decode-image';
import type { RgbFrame } from './rgb-frame';
import { sampleVideoFrames } from './sample-video-frames';

/** Frames sampled from a video for an analysis: enough to judge it, few enough to stay fast. */
export const VIDEO_SAMPLE_FRAMES = 5;

const isJpegOrPng = (bytes: Uint8Array): boolean =>
  (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) || (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e);

/** One frame for an image, a few sampled frames for a video; throws MediaDecodeError. */
export async function decodeMedia(mime: string, bytes: Uint8Array): Promise<RgbFrame[]> {
  if (mime.startsWith('image/') || isJpegOrPng(bytes)) return [await decodeImage(bytes)];
  return sampleVideoFrames(bytes, { count: VIDEO_SAMPLE_FRAMES });
}
