import path from 'node:path';
import { blobPath, isSha256 } from './blob-path';

const HASH = '88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5';

describe('blob paths', () => {
  it('given a sha256, then the blob lives two fan-out levels below the root', () => {
    expect(blobPath('/blobs', HASH)).toBe(path.join('/blobs', '88', '43', HASH));
  });

  it('given a lower-case 64-digit hex digest, then it is a sha256', () => {
    expect(isSha256(HASH)).toBe(true);
  });

  it.each([
    ['a path traversal', '../../etc/passwd'],
    ['a traversal padded to 64 characters', `../../${'a'.repeat(58)}`],
    ['upper-case hex', HASH.toUpperCase()],
    ['63 digits', HASH.slice(1)],
    ['65 digits', `${HASH}0`],
    ['a trailing newline', `${HASH}\n`],
    ['a separator inside', `${HASH.slice(0, 32)}/${HASH.slice(33)}`],
    ['an empty string', ''],
  ])('given %s, then it is not a sha256', (_what, value) => {
    expect(isSha256(value)).toBe(false);
  });
});
