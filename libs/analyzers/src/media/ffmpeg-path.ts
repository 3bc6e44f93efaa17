/** The ffmpeg binary: FFMPEG_PATH when set (e.g. Debian's /usr/bin/ffmpeg), else the npm-shipped one. */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['FFMPEG_PATH']?.trim();
  if (override) return override;
  // @ffmpeg-installer/ffmpeg picks @ffmpeg-installer/<platform>-<arch>, whose tarball holds the
  // static binary with its executable bit set, so `npm ci --ignore-scripts` is enough.
  const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
  return installer.path;
}
