import { DomainError } from '@forensics/domain';
import { type OzErrorBody, UNKNOWN_ERROR_BODY } from '@forensics/contracts';

/**
 * The one mapping from what a command handler throws to the Oz body. A DomainError is the caller's
 * to fix and says why; anything else, a version conflict that outlived its retries included, is
 * ours, and the caller learns only that it happened.
 */
export function toOzError(error: unknown): OzErrorBody {
  if (error instanceof DomainError) {
    return { error_code: error.code, error_message: error.message, details: error.details ?? null };
  }
  return UNKNOWN_ERROR_BODY;
}
