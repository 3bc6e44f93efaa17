import sharp from 'sharp';
import { MediaDecodeError } from './media-decode.error';
import { MAX_FRAME_SIDE, type RgbFrame } from './rgb-frame';

// 50 megapixels: larger inputs are refused before libvips allocates for them.
const MAX_INPUT_PIXELS = 50_000_000;

/** Decodes JPEG/PNG/WebP bytes to RGB, upright (EXIF orientation applied), longer side <= 640. */
export async function decodeImage(bytes: Uint8Array): Promise<RgbFrame> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_FRAME_SIDE, height: MAX_FRAME_SIDE, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 colour channels, got ${info.channels}`);
    return { width: info.width, height: info.height, data };
  } catch (error) {
    throw new MediaDecodeError(`image cannot be decoded: ${(error as Error).message}`, { cause: error });
  }
}
