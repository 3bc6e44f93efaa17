import type { Actor } from '@forensics/domain';
import type { Request } from 'express';
import { invalidStructure } from '../errors/oz-http-error';
import { correlationIdOf } from '../observability/correlation-id';
import type { CommandContext } from './folder-commands';

/** Who sends the command, the request id that ties its events together, and an optional retry key. */
export function commandContext(request: Request, actor: Actor): CommandContext {
  const idempotencyKey = request.get('idempotency-key');
  if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
    throw invalidStructure('The Idempotency-Key header must be 1 to 255 characters', { field: 'Idempotency-Key' });
  }
  return { actor, correlationId: correlationIdOf(request), idempotencyKey };
}
