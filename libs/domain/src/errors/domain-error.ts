import { OzErrorCode } from './oz-error-code';

/** A broken business rule, with the stable Oz code the API answers with. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: OzErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
  }
}

export const invalidStructure = (message: string, details: unknown = null): DomainError =>
  new DomainError(OzErrorCode.INVALID_STRUCTURE, message, details);

export const invalidValue = (message: string, details: unknown = null): DomainError =>
  new DomainError(OzErrorCode.INVALID_VALUE, message, details);

export const notExist = (message: string, details: unknown = null): DomainError =>
  new DomainError(OzErrorCode.NOT_EXIST, message, details);

export const forbidden = (message: string, details: unknown = null): DomainError =>
  new DomainError(OzErrorCode.AUTH_FORBIDDEN, message, details);
