import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { checkStorableValues } from '@forensics/contracts';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/**
 * Refuses, as INVALID VALUE (400), a path, query or JSON body that holds text PostgreSQL cannot
 * store (U+0000, a lone surrogate) or is nested deeper than MAX_NESTING, before any handler runs.
 * Such input would otherwise fail inside a query (a 500) or in the serializer of the call to
 * ingest. A multipart body is not parsed yet here: its `payload` is checked where it is parsed.
 */
@Injectable()
export class StorableInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') checkStorableInput(context.switchToHttp().getRequest<Request>());
    return next.handle();
  }
}

export function checkStorableInput(request: Readonly<{ params?: unknown; query?: unknown; body?: unknown }>): void {
  for (const part of [request.params, request.query, request.body]) {
    if (typeof part !== 'object' || part === null || Buffer.isBuffer(part)) continue;
    checkStorableValues(Array.isArray(part) ? { body: part } : (part as Record<string, unknown>));
  }
}
