import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { Request } from 'express';
import type { Caller } from './caller';

/** A request the token guard let through: who sends it, and what their user may start. */
export type AuthenticatedRequest = Request & { caller: Caller };

/** The caller of the endpoint, as the token guard found it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<AuthenticatedRequest>().caller.actor);

/** The caller with their analysis permissions, for the endpoints that start analyses. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => context.switchToHttp().getRequest<AuthenticatedRequest>().caller);
