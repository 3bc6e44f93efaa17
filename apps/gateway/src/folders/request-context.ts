import { randomUUID } from 'node:crypto';
import type { Actor } from '@forensics/domain';
import type { Request } from 'express';
import { invalidStructure } from '../errors/oz-http-error';
import type { CommandContext } from './folder-commands';

/** Who sends the command, the request id that ties its events together, and an optional retry key. */
export function commandContext(request: Request, actor: Actor): CommandContext {
  const requestId = request.get('x-request-id');
  const idempotencyKey = request.get('idempotency-key');
  if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
    throw invalidStructure('The Idempotency-Key header must be 1 to 255 characters', { field: 'Idempotency-Key' });
  }
  return { actor, correlationId: requestId && /^[\w.:-]{1,128}$/.test(requestId) ? requestId : randomUUID(), idempotencyKey };
}
