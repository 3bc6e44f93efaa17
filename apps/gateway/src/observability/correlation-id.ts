import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request's correlation id: the caller's `X-Request-Id` when it is a plain token, else a new
 * UUID. Every command the request sends and every log line about it carries this id.
 */
export function correlationIdOf(request: Request): string {
  const assigned = request.res?.locals['correlationId'];
  if (typeof assigned === 'string') return assigned;
  const sent = request.get('x-request-id');
  return sent !== undefined && REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** Fixes the request's correlation id once, at its arrival, and answers it in `X-Request-Id`, errors included. */
export function assignCorrelationId(request: Request, response: Response): string {
  const id = correlationIdOf(request);
  response.locals['correlationId'] = id;
  response.setHeader('X-Request-Id', id);
  return id;
}
