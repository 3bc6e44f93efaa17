import { Injectable } from '@nestjs/common';
import { type Actor, OzErrorCode } from '@forensics/domain';
import { forbidden, invalidValue, notExist, OzHttpError } from '../../errors/oz-http-error';
import { InputObject } from '../input/input-object';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from '../passwords/password-hash';
import { type SessionResponse, SessionService } from '../sessions/session.service';
import { UsersRepository } from '../users/users.repository';
import { LoginThrottle } from './login-throttle';

/** Long enough for any real password, short enough that scrypt on it costs nothing extra. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Login with e-mail and password, and the service tokens an ADMIN mints. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * `{credentials: {email, password}}`. A wrong e-mail and a wrong password answer alike, in the
   * same time; too many of either for one e-mail lock it for a while (LoginThrottle).
   */
  async login(body: unknown, clientAddress: string): Promise<SessionResponse> {
    const credentials = InputObject.of(body).object('credentials');
    const email = credentials.string('email', { max: 320 });
    const password = credentials.string('password', { max: MAX_PASSWORD_LENGTH });
    // Counted as a failure until the password proves right.
    const attempt = await this.throttle.begin(email, clientAddress);
    const user = await this.users.findByEmail(email);
    const matches = await verifyPassword(password, user?.password_hash ?? UNUSABLE_PASSWORD_HASH);
    if (!user || !matches || !user.is_active) throw new OzHttpError(OzErrorCode.AUTH_INVALID, 'Wrong e-mail or password');
    await this.throttle.succeeded(attempt);
    return this.sessions.open(user);
  }

  /** An ADMIN mints a long-lived token for a CLIENT_SERVICE user; earlier ones stay valid. */
  async serviceToken(actor: Actor, user_id: string): Promise<SessionResponse> {
    if (actor.role !== 'ADMIN') throw forbidden('Only an ADMIN issues service tokens');
    const user = await this.users.find(user_id);
    if (!user) throw notExist('User', { user_id });
    if (user.user_type !== 'CLIENT_SERVICE') throw invalidValue('Service tokens are for CLIENT_SERVICE users only', { user_type: user.user_type });
    if (!user.is_active) throw invalidValue('The user is not active', { user_id });
    return this.sessions.open(user, 'service');
  }
}
