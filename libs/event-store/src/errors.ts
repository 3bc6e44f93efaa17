/** Another writer appended to the stream first: re-read it, decide again, and retry. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | null,
  ) {
    super(`Stream ${streamId} is not at version ${expectedVersion}${actualVersion === null ? '' : ` but ${actualVersion}`}`);
  }
}
