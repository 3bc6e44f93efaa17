import { OzErrorCode } from '@forensics/domain';

/** The HTTP status each Oz error code answers with (oz-api.md §8). */
export const HTTP_STATUS_OF: Readonly<Record<number, number>> = {
  [OzErrorCode.UNKNOWN]: 500,
  [OzErrorCode.NOT_ALLOWED]: 405,
  [OzErrorCode.NOT_REALIZED]: 501,
  [OzErrorCode.INVALID_STRUCTURE]: 400,
  [OzErrorCode.INVALID_VALUE]: 400,
  [OzErrorCode.INVALID_TYPE]: 400,
  [OzErrorCode.AUTH_NOT_PROVIDED]: 401,
  [OzErrorCode.AUTH_INVALID]: 401,
  [OzErrorCode.AUTH_EXPIRED]: 401,
  [OzErrorCode.AUTH_FORBIDDEN]: 403,
  [OzErrorCode.NOT_EXIST]: 404,
  [OzErrorCode.EXTERNAL_SERVICE]: 502,
};

/** An error the API answers as an Oz body: `{ error_code, error_message, details }`. */
export class OzHttpError extends Error {
  override readonly name = 'OzHttpError';

  constructor(
    readonly code: OzErrorCode,
    message: string,
    readonly details: unknown = null,
    /** Overrides the code's usual status, e.g. 413 for a file that is too large. */
    readonly status: number = HTTP_STATUS_OF[code] ?? 400,
    /** Headers the answer carries, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const notExist = (what: string, details: unknown = null) => new OzHttpError(OzErrorCode.NOT_EXIST, `${what} does not exist`, details);
export const invalidValue = (message: string, details: unknown = null) => new OzHttpError(OzErrorCode.INVALID_VALUE, message, details);
export const invalidStructure = (message: string, details: unknown = null) => new OzHttpError(OzErrorCode.INVALID_STRUCTURE, message, details);
export const forbidden = (message: string) => new OzHttpError(OzErrorCode.AUTH_FORBIDDEN, message);
