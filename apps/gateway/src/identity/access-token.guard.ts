import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from './current-actor.decorator';
import { IS_PUBLIC } from './public.decorator';
import { SessionService } from './sessions/session.service';

/** The header Oz clients send their token in (reference/oz-api.md §1); Express reads headers lower case. */
export const ACCESS_TOKEN_HEADER = 'x-forensic-access-token';

/**
 * The global guard: every handler needs a valid access token unless it is marked @Public().
 * It sets `request.caller`; one statement checks the token and slides its expiry, unless the token
 * cache confirms a token checked a moment ago (decision 0018).
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers[ACCESS_TOKEN_HEADER];
    request.caller = await this.sessions.authenticate(Array.isArray(header) ? header[0] : header);
    return true;
  }
}
