import type { DetectedFace } from '../engine/detected-face';
import type { RgbFrame } from '../media/rgb-frame';
import { frontality, pickBestShot } from './best-shot';
import { laplacianVariance } from './laplacian-variance';

const frameOf = (pixel: (x: number, y: number) => number, side = 32): RgbFrame => {
  const data = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data.fill(pixel(x, y), (y * side + x) * 3, (y * side + x) * 3 + 3);
  return { width: side, height: side, data };
};
const checkerboard = frameOf((x, y) => ((x + y) % 2 ? 255 : 0));
const gradient = frameOf((x) => x * 8);
const flat = frameOf(() => 128);
const face = (overrides: Partial<DetectedFace> = {}): DetectedFace => ({ score: 1, boxScore: 1, box: [4, 4, 24, 24], yaw: 0, pitch: 0, ...overrides });

describe('laplacianVariance (sharpness)', () => {
  it('given a flat picture, then it is 0; given hard edges, then it is far above a soft gradient', () => {
    expect(laplacianVariance(flat, [0, 0, 32, 32])).toBe(0);
    expect(laplacianVariance(checkerboard, [0, 0, 32, 32])).toBeGreaterThan(100 * laplacianVariance(gradient, [0, 0, 32, 32]));
  });

  it('given a box past the frame edge, then it measures the part inside without failing', () => {
    expect(laplacianVariance(checkerboard, [-10, -10, 100, 100])).toBeGreaterThan(0);
  });
});

describe('best shot', () => {
  it('given a frontal face and a turned one, then frontality prefers the frontal one', () => {
    expect(frontality(face())).toBe(1);
    expect(frontality(face({ yaw: 0.6 }))).toBeLessThan(0.9);
  });

  it('given the same face sharp and blurred, then the sharp frame is picked', () => {
    const picked = pickBestShot([{ frame: gradient, face: face() }, { frame: checkerboard, face: face() }]);
    expect(picked.frame).toBe(checkerboard);
  });

  it('given two equally sharp frames, then the frontal one is picked', () => {
    const frontal = { frame: checkerboard, face: face() };
    expect(pickBestShot([{ frame: checkerboard, face: face({ yaw: 1.2 }) }, frontal])).toBe(frontal);
  });
});
