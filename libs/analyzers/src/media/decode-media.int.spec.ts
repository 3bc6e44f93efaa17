import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { FIXTURE_DIR, fixtureMedia } from '../../test/fixture-media';
import { decodeImage } from './decode-image';
import { DecoderInterruptedError } from './decoder-interrupted.error';
import { MediaDecodeError } from './media-decode.error';
import { sampleVideoFrames } from './sample-video-frames';

const bytesOf = (file: string) => fixtureMedia(file, []).bytes;

describe('decodeImage', () => {
  it('given astronaut.png, then a 512x512 RGB frame', async () => {
    const frame = await decodeImage(bytesOf('astronaut.png'));
    expect([frame.width, frame.height, frame.data.length]).toEqual([512, 512, 512 * 512 * 3]);
  });

  it('given a 1280x800 picture, then its longer side is scaled down to 640', async () => {
    const big = await sharp({ create: { width: 1280, height: 800, channels: 3, background: '#808080' } }).png().toBuffer();
    expect(await decodeImage(big)).toMatchObject({ width: 640, height: 400 });
  });

  it('given a JPEG whose EXIF says "rotate 90°", then the frame is upright', async () => {
    const sideways = await sharp({ create: { width: 100, height: 50, channels: 3, background: '#808080' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await decodeImage(sideways)).toMatchObject({ width: 50, height: 100 });
  });

  it('given not-media.jpg, then a MediaDecodeError', async () => {
    const error = await decodeImage(bytesOf('not-media.jpg')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaDecodeError);
    expect((error as Error).message).toBe('image cannot be decoded: Input buffer contains unsupported image format');
  });
});

describe('sampleVideoFrames', () => {
  it('given the bytes of astronaut-selfie.mp4, then 5 frames of 480x480', async () => {
    const frames = await sampleVideoFrames(bytesOf('astronaut-selfie.mp4'));
    expect(frames.map((f) => `${f.width}x${f.height}`)).toEqual(Array(5).fill('480x480'));
  });

  it('given a path and a count, then that many frames', async () => {
    expect(await sampleVideoFrames(path.join(FIXTURE_DIR, 'footballer-selfie.mp4'), { count: 3 })).toHaveLength(3);
  });

  it('given truncated.mp4, then a MediaDecodeError naming the cause, without ffmpeg noise or temp paths', async () => {
    const error = await sampleVideoFrames(bytesOf('truncated.mp4')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaDecodeError);
    expect((error as Error).message).toBe('video cannot be decoded: moov atom not found; Invalid data found when processing input');
  });

  it('given ffmpeg takes too long, then it is killed and the media is undecodable', async () => {
    await expect(sampleVideoFrames(bytesOf('astronaut-selfie.mp4'), { timeoutMs: 1 })).rejects.toThrow(/within 1 ms/);
  });

  it('given ffmpeg stopped by a shutdown signal (Ctrl-C reaching the process group), then the decoder was interrupted, not the media undecodable; killed by any other signal, it is undecodable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'analyzers-ffmpeg-'));
    try {
      // A process that ends by SIGINT, as ffmpeg does when a terminal's Ctrl-C reaches it.
      const interrupted = path.join(dir, 'ffmpeg');
      await writeFile(interrupted, '#!/bin/sh\nkill -INT $$\n', { mode: 0o755 });
      const error = await sampleVideoFrames(bytesOf('astronaut-selfie.mp4'), { ffmpeg: interrupted }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecoderInterruptedError);
      expect((error as Error).message).toBe('ffmpeg was stopped by SIGINT');
      // A crash or the out-of-memory killer may come from the video itself, every time: undecodable.
      const crashing = path.join(dir, 'ffmpeg-crashing');
      await writeFile(crashing, '#!/bin/sh\nkill -KILL $$\n', { mode: 0o755 });
      const crash = await sampleVideoFrames(bytesOf('astronaut-selfie.mp4'), { ffmpeg: crashing }).catch((e: unknown) => e);
      expect(crash).toBeInstanceOf(MediaDecodeError);
      expect((crash as Error).message).toBe('video cannot be decoded: ffmpeg was killed by SIGKILL');
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('given a video decoded from bytes, then no temporary file is left behind', async () => {
    const ownTmp = await mkdtemp(path.join(tmpdir(), 'analyzers-tmp-'));
    const previous = process.env['TMPDIR'];
    process.env['TMPDIR'] = ownTmp;
    try {
      await sampleVideoFrames(bytesOf('astronaut-selfie.mp4'), { count: 1 });
      expect(await readdir(ownTmp)).toEqual([]);
    } finally {
      process.env['TMPDIR'] = previous;
      await rm(ownTmp, { recursive: true });
    }
  });
});
