// ffmpeg's stream listing and hints, which say nothing about why the input is broken.
const NOISE = /^(Input #|\s+Duration:|\s+Stream #|\s+Metadata:|\s{4,}\w+\s*:|At least one output|Consider increasing|Output #|Press \[q\])/;

/** The last few diagnostic lines of ffmpeg's stderr, without addresses, paths or listings. */
export function ffmpegDiagnosis(stderr: string, maxLines = 2): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line !== '' && !NOISE.test(line))
    .map((line) => line.replace(/^\[[^\]]*\] /, '').replace(/^\S*\/[^:]*: /, ''));
  return lines.slice(-maxLines).join('; ') || 'no diagnostic from ffmpeg';
}

/** Duration in seconds from `ffmpeg -i` output, or null when there is no video stream with a size. */
export function parseVideoProbe(stderr: string): { durationSeconds: number } | null {
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const video = /Stream #\S+.*Video: .*?, \d{2,5}x\d{2,5}/.test(stderr);
  if (!duration || !video || /unspecified size/.test(stderr)) return null;
  const [, h, m, s] = duration;
  return { durationSeconds: Number(h) * 3600 + Number(m) * 60 + Number(s) };
}
