import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, NotFoundException } from '@nestjs/common';
import type { OzErrorBody } from '@forensics/contracts';
import { DomainError, OzErrorCode } from '@forensics/domain';
import type { Log } from '@forensics/observability';
import type { Request, Response } from 'express';
import { correlationIdOf } from '../observability/correlation-id';
import { HTTP_STATUS_OF, OzHttpError } from './oz-http-error';
import type { RouteMethods } from './route-methods';

/**
 * Every error leaves the API as an Oz body with its status. Bad input never answers 500: the
 * parsers' and the upload limits' errors are the client's, with their own codes; only what is
 * truly unexpected is UNKNOWN (logged, with nothing internal in the body).
 */
@Catch()
export class OzExceptionFilter implements ExceptionFilter {
  /** `routeMethods`: the methods a path is served with, so that a known path answers 405, not 404. */
  constructor(
    private readonly log: Log,
    private readonly routeMethods: RouteMethods = () => [],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    // No route for this method: a path served with other methods answers NOT ALLOWED, with Allow.
    if (exception instanceof NotFoundException && !response.headersSent) {
      const allowed = this.routeMethods(request.path);
      if (allowed.length > 0) {
        response.setHeader('Allow', allowed.join(', '));
        response.status(405).json({ error_code: OzErrorCode.NOT_ALLOWED, error_message: `${request.method} is not allowed here; use ${allowed.join(', ')}`, details: { allowed } });
        return;
      }
    }
    const { status, body } = toOzResponse(exception);
    // Only the unexpected is an error to log: a 501 (not built) or a 503 (ingest away) is an answer.
    if (body.error_code === OzErrorCode.UNKNOWN) this.log({ level: 'error', message: 'request failed', correlation_id: correlationIdOf(request), error: exception instanceof Error ? exception.stack ?? exception.message : String(exception) });
    if (response.headersSent) return;
    if (exception instanceof OzHttpError) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response.status(status).json(body);
  }
}

export function toOzResponse(exception: unknown): { status: number; body: OzErrorBody } {
  const body = (code: OzErrorCode, message: string, details: unknown = null): OzErrorBody => ({ error_code: code, error_message: message, details });
  if (exception instanceof OzHttpError) return { status: exception.status, body: body(exception.code, exception.message, exception.details) };
  if (exception instanceof DomainError) {
    const tooLarge = (exception.details as { reason?: string } | null)?.reason === 'TOO_LARGE';
    return { status: tooLarge ? 413 : (HTTP_STATUS_OF[exception.code] ?? 400), body: body(exception.code, exception.message, exception.details) };
  }
  if (isOzBody(exception)) return { status: HTTP_STATUS_OF[exception.error_code] ?? 400, body: { ...exception, details: exception.details ?? null } };
  const e = exception as { type?: string; status?: number; code?: string; name?: string; message?: string; field?: string };
  // body-parser: a JSON body that is not JSON, or too large.
  if (e.type === 'entity.parse.failed') return { status: 400, body: body(OzErrorCode.INVALID_STRUCTURE, 'The request body is not valid JSON') };
  if (e.type === 'entity.too.large') return { status: 413, body: body(OzErrorCode.INVALID_VALUE, 'The request body is too large') };
  if (e.name === 'MulterError') return multerError(e.code ?? '', e.field);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // The upload interceptor wraps multer's errors in HttpExceptions, the original as the cause: its code says which limit.
    const cause = exception.cause as { name?: string; code?: string; field?: string } | undefined;
    if (cause?.name === 'MulterError') return multerError(cause.code ?? '', cause.field);
    if (status === 404) return { status, body: body(OzErrorCode.NOT_EXIST, 'No such endpoint') };
    if (status === 405) return { status, body: body(OzErrorCode.NOT_ALLOWED, 'Method not allowed') };
    if (status === 413) return { status, body: body(OzErrorCode.INVALID_VALUE, 'The request is too large') };
    if (status < 500) return { status, body: body(OzErrorCode.INVALID_STRUCTURE, exception.message) };
  }
  // busboy: a multipart body it cannot read.
  if (typeof e.message === 'string' && /Unexpected end of form|Malformed part header|Malformed content type|Request aborted|Request closed|Multipart: Boundary not found|Unexpected end of multipart/i.test(e.message)) {
    return { status: 400, body: body(OzErrorCode.INVALID_STRUCTURE, `The multipart body cannot be read: ${e.message}`) };
  }
  return { status: 500, body: body(OzErrorCode.UNKNOWN, 'Unknown server side error occurred') };
}

function multerError(code: string, field: string | undefined): { status: number; body: OzErrorBody } {
  const details = field ? { field } : null;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return { status: 413, body: { error_code: OzErrorCode.INVALID_VALUE, error_message: 'A file is larger than the limit', details } };
    case 'LIMIT_FILE_COUNT':
      return { status: 400, body: { error_code: OzErrorCode.INVALID_VALUE, error_message: 'Too many files in one request', details } };
    case 'LIMIT_FIELD_KEY':
      return { status: 400, body: { error_code: OzErrorCode.INVALID_VALUE, error_message: 'A form field name is too long', details } };
    case 'LIMIT_FIELD_VALUE':
      return { status: 413, body: { error_code: OzErrorCode.INVALID_VALUE, error_message: 'A form field is larger than the limit (the payload is at most 1 MB)', details } };
    case 'LIMIT_FIELD_COUNT':
      return { status: 413, body: { error_code: OzErrorCode.INVALID_VALUE, error_message: 'Too many form fields', details } };
    case 'LIMIT_PART_COUNT':
      return { status: 413, body: { error_code: OzErrorCode.INVALID_VALUE, error_message: 'Too many parts in the multipart body', details } };
    default:
      return { status: 400, body: { error_code: OzErrorCode.INVALID_STRUCTURE, error_message: `The multipart body cannot be read (${code})`, details } };
  }
}

const isOzBody = (value: unknown): value is OzErrorBody =>
  typeof value === 'object' && value !== null && typeof (value as OzErrorBody).error_code === 'number' && typeof (value as OzErrorBody).error_message === 'string';
