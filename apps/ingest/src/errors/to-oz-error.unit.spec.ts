// Given what a command handler throws, when it is mapped for the caller, then a broken rule keeps
// its Oz code, message and details, and anything else becomes the UNKNOWN body with nothing inside.
import { invalidValue, notExist } from '@forensics/domain';
import { ConcurrencyError } from '@forensics/event-store';
import { toOzError } from './to-oz-error';

const UNKNOWN = { error_code: 0, error_message: 'Unknown server side error occurred', details: null };

describe('toOzError', () => {
  it('keeps the code, message and details of a domain error', () => {
    const error = invalidValue('BIOMETRY needs at least 2 suitable media, found 1', { type: 'BIOMETRY', required: 2, found: 1 });

    expect(toOzError(error)).toEqual({
      error_code: 4,
      error_message: 'BIOMETRY needs at least 2 suitable media, found 1',
      details: { type: 'BIOMETRY', required: 2, found: 1 },
    });
  });

  it('gives null details when a domain error has none', () => {
    expect(toOzError(notExist('Folder f-1 does not exist', undefined))).toEqual({
      error_code: 10,
      error_message: 'Folder f-1 does not exist',
      details: null,
    });
  });

  it('hides a version conflict that outlived its retries', () => {
    expect(toOzError(new ConcurrencyError('f-1', 3, 4))).toEqual(UNKNOWN);
  });

  it.each([
    ['a driver error', Object.assign(new Error('relation "events" does not exist'), { code: '42P01' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'media_id')")],
    ['a thrown string', 'connection reset'],
    ['something shaped like a domain error but not one', { code: 4, message: 'forged', details: null }],
  ])('hides %s', (_name, error) => {
    expect(toOzError(error)).toEqual(UNKNOWN);
  });

  it('answers the UNKNOWN body frozen, as every failure shares it', () => {
    expect(Object.isFrozen(toOzError(new Error('boom')))).toBe(true);
  });
});
