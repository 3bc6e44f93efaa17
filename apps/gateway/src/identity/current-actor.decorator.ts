import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { Request } from 'express';

/** A request the token guard let through: who sends it. */
export type AuthenticatedRequest = Request & { actor: Actor };

/** The caller of the endpoint, as the token guard found it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<AuthenticatedRequest>().actor);
