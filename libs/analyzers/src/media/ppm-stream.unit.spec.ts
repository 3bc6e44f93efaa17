import { splitPpmStream } from './ppm-stream';

const ppm = (width: number, height: number, value: number) => Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), Buffer.alloc(width * height * 3, value)]);

describe('splitPpmStream', () => {
  it('given two PPM images back to back, then two frames with their sizes and pixels', () => {
    const frames = splitPpmStream(Buffer.concat([ppm(2, 1, 7), ppm(1, 3, 9)]));
    expect(frames.map((f) => [f.width, f.height, f.data.length, f.data[0]])).toEqual([
      [2, 1, 6, 7],
      [1, 3, 9, 9],
    ]);
  });

  it('given a pixel value that is a whitespace byte, then it is read as a pixel, not as header', () => {
    expect(splitPpmStream(ppm(1, 1, 0x20))[0]!.data[0]).toBe(0x20);
  });

  it('given a stream cut inside a frame, then it refuses it', () => {
    expect(() => splitPpmStream(ppm(4, 4, 1).subarray(0, 20))).toThrow(/ends inside a frame/);
  });

  it('given something that is not a PPM, then it refuses it', () => {
    expect(() => splitPpmStream(Buffer.from('GIF89a........'))).toThrow(/PPM/);
  });
});
