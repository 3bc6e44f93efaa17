import { DEFAULT_MAX_BLOB_BYTES, describeBytes, tooLarge } from './size-limit';

describe('size limit', () => {
  it('given no configuration, then the limit is 30 MB of 1024 * 1024 bytes', () => {
    expect(DEFAULT_MAX_BLOB_BYTES).toBe(31_457_280);
  });

  it('given the default limit, when a file is refused, then the message names 30 MB and the details the bytes', () => {
    expect(tooLarge(DEFAULT_MAX_BLOB_BYTES)).toMatchObject({
      code: 4,
      reason: 'TOO_LARGE',
      message: 'File is larger than the limit of 30 MB',
      details: { reason: 'TOO_LARGE', limit_bytes: 31_457_280 },
    });
  });

  it.each([
    [64 * 1024, '64 KB'],
    [1000, '1000 bytes'],
    [1536 * 1024, '1536 KB'],
  ])('given a limit of %i bytes, then it reads as %s', (bytes, text) => {
    expect(describeBytes(bytes)).toBe(text);
  });
});
