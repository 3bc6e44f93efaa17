import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureMedia } from '../../test/fixture-media';
import type { FaceEngine } from '../engine/face-engine';
import { DecoderInterruptedError } from '../media/decoder-interrupted.error';
import { loadFaceEngine } from '../engine/load-face-engine';
import { createAnalyzer, type AnalyzerEngine } from './analyzer';

let engine: FaceEngine;
beforeAll(async () => {
  engine = await loadFaceEngine();
});

// The real engine, except that its first `crashes` quality calls throw as a crashed model would.
const crashingFirst = (crashes: number): AnalyzerEngine => {
  let calls = 0;
  return {
    modelVersions: engine.modelVersions,
    detectFaces: (frame) => engine.detectFaces(frame),
    detectForBiometry: (frame) => engine.detectForBiometry(frame),
    detectForQuality: (frame) => (++calls <= crashes ? Promise.reject(new Error('wasm: memory access out of bounds')) : engine.detectForQuality(frame)),
  };
};
const request = { analysis_id: 'r-1', type: 'QUALITY' as const, params: {}, media: [fixtureMedia('footballer.jpg', ['photo_selfie'])] };

describe('a crashing model', () => {
  it('given a model that crashes twice, when the analyzer may try 3 times, then the analysis finishes', async () => {
    const { outcome } = await createAnalyzer(crashingFirst(2), 3).analyze(request);
    expect(outcome).toMatchObject({ status: 'FINISHED', resolution: 'SUCCESS' });
  });

  it('given a model that keeps crashing, then FAILED with error_code 0 after 3 attempts', async () => {
    const { outcome } = await createAnalyzer(crashingFirst(99), 3).analyze(request);
    expect(outcome).toEqual({ status: 'FAILED', error_code: 0, error_message: 'analysis failed after 3 attempts: wasm: memory access out of bounds', attempts: 3 });
  });

  it('given a video whose decoder is stopped by a signal, then the analysis has no outcome: it throws, to be run again, and is not tried again here', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'analyzer-ffmpeg-'));
    const previous = process.env['FFMPEG_PATH'];
    try {
      process.env['FFMPEG_PATH'] = path.join(dir, 'ffmpeg');
      await writeFile(process.env['FFMPEG_PATH'], '#!/bin/sh\necho started >> "$(dirname "$0")/runs"\nkill -INT $$\n', { mode: 0o755 });
      const video = { ...request, media: [fixtureMedia('astronaut-selfie.mp4', ['video_selfie'])] };
      await expect(createAnalyzer(engine, 3).analyze(video)).rejects.toThrow(DecoderInterruptedError);
      expect((await readFile(path.join(dir, 'runs'), 'utf8')).trim().split('\n')).toEqual(['started']);
    } finally {
      if (previous === undefined) delete process.env['FFMPEG_PATH'];
      else process.env['FFMPEG_PATH'] = previous;
      await rm(dir, { recursive: true });
    }
  });

  it('given the engine after the analyses, then no tensor is left behind', async () => {
    const before = engine.tensorCount();
    await createAnalyzer(engine).analyze(request);
    expect(engine.tensorCount()).toBe(before);
  });
});
