import { DomainError, OzErrorCode } from '@forensics/domain';

/** No stored file has this hash, or the hash is not a sha256 at all: Oz code 10 (NOT EXIST). */
export class BlobNotFoundError extends DomainError {
  declare readonly code: typeof OzErrorCode.NOT_EXIST;

  // A malformed hash gets the same message as an unknown one; it is not echoed back in the details.
  constructor(sha256: string | null) {
    super(OzErrorCode.NOT_EXIST, 'No stored file has this sha256', sha256 === null ? null : { sha256 });
  }
}
