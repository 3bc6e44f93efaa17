import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobStore } from '@forensics/blob-store';
import { storeUploads } from './stored-upload';
import { parseUploadPayload } from './upload-payload';

const FOOTBALLER = path.resolve(__dirname, '../../../../libs/analyzers/test/fixtures/media/footballer.jpg');

describe("an upload's files in a real blob store, and taking them back", () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'stored-upload-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  // JPEG bytes no other request sent: the fixture with random bytes after its end.
  const jpeg = () => Buffer.concat([readFileSync(FOOTBALLER), randomBytes(16)]);
  const file = (fieldname: string, buffer: Buffer) => ({ fieldname, originalname: `${fieldname}.jpg`, buffer, size: buffer.length });

  it('given a rollback that keeps a file (the first request of a repeated key holds it), then only the others go; a file that was there before stays', async () => {
    const blobs = new BlobStore({ root });
    const earlier = jpeg();
    const before = await blobs.put(earlier);
    const [a, b] = [jpeg(), jpeg()];
    const payload = parseUploadPayload('{}', ['a', 'b', 'c'], { required: true });
    const stored = await storeUploads([file('a', a), file('b', b), file('c', earlier)], payload, blobs);
    const [shaA, shaB, shaC] = stored.media.map((m) => m.blob.sha256) as [string, string, string];
    expect(shaC).toBe(before.sha256);
    await stored.rollback(new Set([shaA]));
    expect(await Promise.all([shaA, shaB, shaC].map((sha) => blobs.exists(sha)))).toEqual([true, false, true]);
    await stored.rollback();
    expect(await Promise.all([shaA, shaB, shaC].map((sha) => blobs.exists(sha)))).toEqual([false, false, true]);
  });
});
