/** The Oz API error codes (reference/oz-api.md §8); the gateway maps each to its HTTP status. */
export const OzErrorCode = {
  UNKNOWN: 0,
  NOT_ALLOWED: 1,
  NOT_REALIZED: 2,
  INVALID_STRUCTURE: 3,
  INVALID_VALUE: 4,
  INVALID_TYPE: 5,
  AUTH_NOT_PROVIDED: 6,
  AUTH_INVALID: 7,
  AUTH_EXPIRED: 8,
  AUTH_FORBIDDEN: 9,
  NOT_EXIST: 10,
  EXTERNAL_SERVICE: 11,
} as const;

export type OzErrorCode = (typeof OzErrorCode)[keyof typeof OzErrorCode];
