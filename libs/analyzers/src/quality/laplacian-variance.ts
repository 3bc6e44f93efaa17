import type { FaceBox } from '../engine/detected-face';
import type { RgbFrame } from '../media/rgb-frame';

/**
 * Sharpness of a region: the variance of the 4-neighbour Laplacian of its luma. Edges give large
 * Laplacian values and blur flattens them, so a sharper picture of the same scene scores higher.
 */
export function laplacianVariance(frame: RgbFrame, box: FaceBox): number {
  const x0 = clamp(Math.floor(box[0]), 1, frame.width - 2);
  const y0 = clamp(Math.floor(box[1]), 1, frame.height - 2);
  const x1 = clamp(Math.ceil(box[0] + box[2]), x0, frame.width - 2);
  const y1 = clamp(Math.ceil(box[1] + box[3]), y0, frame.height - 2);
  const luma = (x: number, y: number): number => {
    const i = (y * frame.width + x) * 3;
    return 0.299 * (frame.data[i] ?? 0) + 0.587 * (frame.data[i + 1] ?? 0) + 0.114 * (frame.data[i + 2] ?? 0);
  };
  let sum = 0;
  let sumOfSquares = 0;
  let n = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const laplacian = luma(x - 1, y) + luma(x + 1, y) + luma(x, y - 1) + luma(x, y + 1) - 4 * luma(x, y);
      sum += laplacian;
      sumOfSquares += laplacian * laplacian;
      n++;
    }
  }
  return n === 0 ? 0 : sumOfSquares / n - (sum / n) ** 2;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));
