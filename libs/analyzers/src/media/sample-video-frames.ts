import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ffmpegDiagnosis, parseVideoProbe } from './ffmpeg-diagnostics';
import { ffmpegPath } from './ffmpeg-path';
import { DecoderInterruptedError } from './decoder-interrupted.error';
import { MediaDecodeError } from './media-decode.error';
import { splitPpmStream } from './ppm-stream';
import { MAX_FRAME_SIDE, type RgbFrame } from './rgb-frame';
import { runProcess } from './run-process';

export type SampleOptions = Readonly<{ count?: number; timeoutMs?: number; ffmpeg?: string }>;

const SHUTDOWN_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(['SIGINT', 'SIGTERM', 'SIGHUP']);

/** A video that takes longer than this to sample is treated as undecodable (the process is killed). */
export const FFMPEG_TIMEOUT_MS = 20_000;

/** Samples `count` frames spread over a video with ffmpeg, as RGB, longer side <= 640. */
export async function sampleVideoFrames(video: Uint8Array | string, options: SampleOptions = {}): Promise<RgbFrame[]> {
  if (typeof video === 'string') return sampleFile(video, options);
  // MP4 keeps its index (moov) at the end as often as not, so ffmpeg needs a seekable file, not a pipe.
  const dir = await mkdtemp(path.join(tmpdir(), 'analyzers-video-'));
  try {
    const file = path.join(dir, 'media');
    await writeFile(file, video);
    return await sampleFile(file, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function sampleFile(file: string, { count = 5, timeoutMs = FFMPEG_TIMEOUT_MS, ffmpeg = ffmpegPath() }: SampleOptions): Promise<RgbFrame[]> {
  const started = Date.now();
  // `ffmpeg -i` alone exits 1 by design; its stderr describes the input (no ffprobe in the npm package).
  const probe = await ffmpegRun(ffmpeg, ['-hide_banner', '-nostdin', '-i', file], timeoutMs);
  const info = parseVideoProbe(probe.stderr);
  if (!info) throw new MediaDecodeError(`video cannot be decoded: ${ffmpegDiagnosis(probe.stderr)}`);
  const fps = count / Math.max(info.durationSeconds, 0.04);
  const scale = `scale=w='min(${MAX_FRAME_SIDE},iw)':h='min(${MAX_FRAME_SIDE},ih)':force_original_aspect_ratio=decrease`;
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-xerror', '-i', file, '-an', '-vf', `fps=${fps.toFixed(6)},${scale}`,
    '-frames:v', String(count), '-f', 'image2pipe', '-c:v', 'ppm', 'pipe:1'];
  const run = await ffmpegRun(ffmpeg, args, Math.max(timeoutMs - (Date.now() - started), 1));
  if (run.code !== 0) throw new MediaDecodeError(`video cannot be decoded: ${ffmpegDiagnosis(run.stderr)}`);
  const frames = splitPpmStream(run.stdout);
  if (frames.length === 0) throw new MediaDecodeError('video cannot be decoded: it has no frame');
  return frames;
}

async function ffmpegRun(ffmpeg: string, args: string[], timeoutMs: number) {
  const result = await runProcess(ffmpeg, args, timeoutMs);
  if (result.timedOut) throw new MediaDecodeError(`video cannot be decoded within ${timeoutMs} ms`);
  // A shutdown's signal (Ctrl-C reaching the process group, a supervisor's SIGTERM) says nothing
  // about the video: the analysis runs again. Any other (a crash, the out-of-memory killer) may
  // well come from the video itself, and would come again on every retry: it is undecodable.
  if (result.signal !== null && SHUTDOWN_SIGNALS.has(result.signal)) throw new DecoderInterruptedError(`ffmpeg was stopped by ${result.signal}`);
  if (result.signal !== null) throw new MediaDecodeError(`video cannot be decoded: ffmpeg was killed by ${result.signal}`);
  return result;
}
