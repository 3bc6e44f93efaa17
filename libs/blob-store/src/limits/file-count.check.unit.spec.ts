import { BlobRejectedError } from '../errors/blob-rejected.error';
import { thrownBy } from '../../test/rejection';
import { DEFAULT_MAX_FILES_PER_FOLDER, checkFileCount } from './file-count.check';

describe('checkFileCount', () => {
  it('given the default limit, when a folder gets 10 files, then they are accepted', () => {
    expect(DEFAULT_MAX_FILES_PER_FOLDER).toBe(10);
    expect(() => checkFileCount(10)).not.toThrow();
  });

  it('given the default limit, when a folder gets 11 files, then they are refused with code 4 TOO_MANY_FILES', () => {
    const error = thrownBy(() => checkFileCount(11));
    expect(error).toBeInstanceOf(BlobRejectedError);
    expect(error).toMatchObject({ code: 4, reason: 'TOO_MANY_FILES', details: { reason: 'TOO_MANY_FILES', limit: 10, found: 11 } });
  });

  it('given a configured limit of 2, when 3 files come, then they are refused, and 2 are not', () => {
    expect(() => checkFileCount(2, 2)).not.toThrow();
    expect(thrownBy(() => checkFileCount(3, 2))).toMatchObject({ reason: 'TOO_MANY_FILES', message: 'A folder holds at most 2 files' });
  });
});
