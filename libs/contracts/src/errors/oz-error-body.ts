import { OzErrorCode } from '@forensics/domain';

/** The error object a caller's observable fails with, the same body the REST API answers. */
export type OzErrorBody = Readonly<{ error_code: OzErrorCode; error_message: string; details: unknown }>;

/** What every error that is not a broken business rule turns into: nothing internal leaks. */
export const UNKNOWN_ERROR_BODY: OzErrorBody = Object.freeze({
  error_code: OzErrorCode.UNKNOWN,
  error_message: 'Unknown server side error occurred',
  details: null,
});
