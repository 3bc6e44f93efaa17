import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The project's test media; test/fixtures/media/PROVENANCE.md says where each file came from. */
export const MEDIA_DIR = path.resolve(__dirname, '../../../test/fixtures/media');

export const mediaPath = (name: string): string => path.join(MEDIA_DIR, name);

export const mediaBytes = (name: string): Buffer => readFileSync(mediaPath(name));

// From `sha256sum test/fixtures/media/*`: an oracle that does not share code with the store.
export const SHA256SUM: Readonly<Record<string, string>> = {
  'astronaut-selfie.mp4': '5fe5811a55927a989ec5a6ddb76ac4ff568265c871423b591fc699c13bc6f238',
  'astronaut.png': '88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5',
  'cat-no-face.png': '596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb',
  'footballer-selfie.mp4': 'df8fd80f7ddfce6392429a49c5f6af7f595ac10a3138cc1b5a343bfaf411a66d',
  'footballer.jpg': '1d570e49654e84c7a943918537bd9e5e1ef82920152e147c834006e235be97c9',
  'truncated.mp4': '949ed379ecd516412c7b997611c8eea0a822e7586f2611fc8d5ab1884468600e',
};

/** Every media fixture the store accepts, with what its bytes are. */
export const ACCEPTED_FIXTURES = [
  { file: 'astronaut.png', mime: 'image/png', media_type: 'IMAGE_FOLDER' },
  { file: 'cat-no-face.png', mime: 'image/png', media_type: 'IMAGE_FOLDER' },
  { file: 'footballer.jpg', mime: 'image/jpeg', media_type: 'IMAGE_FOLDER' },
  { file: 'astronaut-selfie.mp4', mime: 'video/mp4', media_type: 'VIDEO_FOLDER' },
  { file: 'footballer-selfie.mp4', mime: 'video/mp4', media_type: 'VIDEO_FOLDER' },
  // A valid header over broken content: the analysis fails on it later, the store keeps it.
  { file: 'truncated.mp4', mime: 'video/mp4', media_type: 'VIDEO_FOLDER' },
] as const;
