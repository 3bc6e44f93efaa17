import { ffmpegPath } from './ffmpeg-path';

describe('ffmpegPath', () => {
  it('given FFMPEG_PATH, then that binary (e.g. Debian\'s) is used', () => {
    expect(ffmpegPath({ FFMPEG_PATH: '/usr/bin/ffmpeg' })).toBe('/usr/bin/ffmpeg');
  });

  it('given no FFMPEG_PATH, then the binary shipped in the npm package is used', () => {
    expect(ffmpegPath({})).toMatch(/node_modules\/@ffmpeg-installer\/linux-x64\/ffmpeg$/);
  });
});
