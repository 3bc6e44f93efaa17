import { invalidValue } from '@forensics/domain';
import { OzHttpError } from '../errors/oz-http-error';
import { rollbackIfRefused } from './stored-upload';

describe("a failed command's uploaded files", () => {
  const outcome = async (error: unknown) => {
    const rollback = jest.fn(() => Promise.resolve());
    await rollbackIfRefused(error, { rollback });
    return rollback.mock.calls.length === 1 ? 'removed' : 'kept';
  };

  it('given a refusal (a 4xx from ingest, or the domain), then they are removed: nothing of the request stays', async () => {
    expect(await outcome(new OzHttpError(4, 'Unknown analysis type', null))).toBe('removed');
    expect(await outcome(new OzHttpError(10, 'No such folder', null, 404))).toBe('removed');
    expect(await outcome(invalidValue('bad'))).toBe('removed');
  });

  it('given a 503 or an unexpected error, after which the command may have been recorded, then they are kept', async () => {
    expect(await outcome(new OzHttpError(11, 'The command was recorded, but the read model has not caught up yet', null, 503))).toBe('kept');
    expect(await outcome(new OzHttpError(11, 'The command service is not reachable; try again', null, 503))).toBe('kept');
    expect(await outcome(new Error('socket hang up'))).toBe('kept');
  });
});
