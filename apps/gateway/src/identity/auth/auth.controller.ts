import { Body, Controller, Headers, HttpCode, Ip, Param, Post } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import { CurrentActor } from '../current-actor.decorator';
import { InputObject } from '../input/input-object';
import { pathId } from '../input/path-id';
import { Public } from '../public.decorator';
import { SessionService } from '../sessions/session.service';
import { ACCESS_TOKEN_HEADER } from '../access-token.guard';
import { AuthService } from './auth.service';

/** `/api/authorize/...` (reference/oz-api.md §1.1). */
@Controller('api/authorize')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Public()
  @Post('auth')
  @HttpCode(200)
  login(@Body() body: unknown, @Ip() clientAddress: string) {
    // The socket's address, or the client's as the trusted proxies say (GATEWAY_TRUST_PROXY_HOPS).
    return this.auth.login(body, clientAddress);
  }

  /** Public: the access token in the header may have expired already, which is why one refreshes. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: unknown, @Headers(ACCESS_TOKEN_HEADER) accessToken: string | undefined) {
    const expireToken = InputObject.of(body).string('expire_token', { max: 256 });
    return this.sessions.refresh(expireToken, accessToken);
  }

  @Post('service_token/:user_id')
  @HttpCode(200)
  serviceToken(@CurrentActor() actor: Actor, @Param('user_id') user_id: string) {
    return this.auth.serviceToken(actor, pathId(user_id, 'User'));
  }
}
