import { DomainError, OzErrorCode } from '@forensics/domain';

/** Why the store refused a file. */
export type BlobRejectionReason = 'UNSUPPORTED_MEDIA_TYPE' | 'TOO_LARGE' | 'EMPTY' | 'TOO_MANY_FILES';

/**
 * A file the platform refuses to keep: Oz code 4 (INVALID VALUE) with the reason.
 * It is a DomainError so that the gateway's one code-to-HTTP mapping answers it like any other.
 */
export class BlobRejectedError extends DomainError {
  declare readonly code: typeof OzErrorCode.INVALID_VALUE;

  constructor(
    readonly reason: BlobRejectionReason,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(OzErrorCode.INVALID_VALUE, message, { reason, ...details });
  }
}
