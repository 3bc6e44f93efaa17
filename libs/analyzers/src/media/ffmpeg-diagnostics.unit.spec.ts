import { ffmpegDiagnosis, parseVideoProbe } from './ffmpeg-diagnostics';

const probeOf = (lines: string[]) => lines.join('\n');

describe('ffmpeg output', () => {
  it('given a truncated MP4, then the diagnosis keeps the cause without addresses or temp paths', () => {
    const stderr = probeOf(['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x3c042b40] moov atom not found', '/tmp/analyzers-video-x1/media: Invalid data found when processing input']);
    expect(ffmpegDiagnosis(stderr)).toBe('moov atom not found; Invalid data found when processing input');
  });

  it('given the stream listing and usage hints, then they are not part of the diagnosis', () => {
    const stderr = probeOf(["Input #0, mov,mp4, from 'x':", '  Duration: 00:00:03.00, start: 0.000000, bitrate: 128 kb/s', '  Stream #0:0: Video: h264', 'At least one output file must be specified']);
    expect(ffmpegDiagnosis(stderr)).toBe('no diagnostic from ffmpeg');
  });

  it('given a video input, then the probe reads its duration', () => {
    const stderr = probeOf(['  Duration: 00:01:02.50, start: 0.000000', '  Stream #0:0(und): Video: h264 (High), yuv420p, 480x480, 25 fps']);
    expect(parseVideoProbe(stderr)).toEqual({ durationSeconds: 62.5 });
  });

  it('given an input without a sized video stream, then the probe finds no video', () => {
    expect(parseVideoProbe('  Duration: 00:00:01.00\n  Stream #0:0: Audio: aac')).toBeNull();
    expect(parseVideoProbe('  Duration: N/A\n  Stream #0:0: Video: mjpeg, none, unspecified size')).toBeNull();
  });
});
