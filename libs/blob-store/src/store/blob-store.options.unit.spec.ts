import path from 'node:path';
import { checkedOptions } from './blob-store.options';

describe('BlobStore options', () => {
  it('given only a root, then the limit is 30 MB and the root is made absolute', () => {
    expect(checkedOptions({ root: 'var/blobs' })).toEqual({ root: path.resolve('var/blobs'), maxBytes: 30 * 1024 * 1024 });
  });

  it('given an empty root (BLOB_DIR unset), then it fails naming BLOB_DIR', () => {
    expect(() => checkedOptions({ root: ' ' })).toThrow(/BLOB_DIR/);
  });

  it.each([0, -1, 1.5, Number.NaN])('given a limit of %p bytes, then it fails', (maxBytes) => {
    expect(() => checkedOptions({ root: '/blobs', maxBytes })).toThrow(/maxBytes/);
  });
});
