import { Inject, Injectable } from '@nestjs/common';
import { OzErrorCode } from '@forensics/domain';
import type { DataSource } from 'typeorm';
import { GATEWAY_CONFIG } from '../../config/gateway-config.provider';
import type { GatewayConfig } from '../../config/gateway.config';
import { OzHttpError } from '../../errors/oz-http-error';
import { IDENTITY_DATA_SOURCE } from '../database/identity-data-source.provider';
import { queryRows } from '../database/query-rows';

/**
 * Slows password guessing: after `loginMaxFailures` failed logins for an e-mail within the
 * window, its logins are refused (429, with Retry-After) until the oldest of them leaves the
 * window, before the password is even hashed. A successful login clears the count. Keyed by
 * e-mail whether or not a user has it, so the answer says nothing about which e-mails exist.
 * Parallel attempts may each pass the check before any failure is counted: the limit holds up to
 * the number of requests in flight at once.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(IDENTITY_DATA_SOURCE) private readonly db: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Throws 429 when this e-mail has used up its failed logins for now. */
  async refuseIfLocked(email: string): Promise<void> {
    const [row] = await queryRows<{ failures: number; retry_ms: number | null }>(
      this.db,
      `SELECT count(*)::int AS failures,
              ceil(EXTRACT(EPOCH FROM min(failed_at) + $2::bigint * interval '1 millisecond' - clock_timestamp()) * 1000)::float8 AS retry_ms
       FROM login_failures WHERE email_key = $1 AND failed_at > clock_timestamp() - $2::bigint * interval '1 millisecond'`,
      [keyOf(email), this.config.loginFailureWindowMs],
      'identity_login_failures',
    );
    if ((row?.failures ?? 0) < this.config.loginMaxFailures) return;
    const retryAfterS = Math.max(1, Math.ceil((row?.retry_ms ?? this.config.loginFailureWindowMs) / 1000));
    throw new OzHttpError(OzErrorCode.AUTH_FORBIDDEN, `Too many failed logins for this e-mail; try again in ${retryAfterS} s`, { retry_after_s: retryAfterS }, 429, { 'Retry-After': String(retryAfterS) });
  }

  /** Counts a failed login, and forgets the failures (of any e-mail) that have left the window. */
  async failed(email: string): Promise<void> {
    await queryRows(
      this.db,
      `WITH pruned AS (DELETE FROM login_failures WHERE failed_at <= clock_timestamp() - $2::bigint * interval '1 millisecond')
       INSERT INTO login_failures (email_key) VALUES ($1)`,
      [keyOf(email), this.config.loginFailureWindowMs],
    );
  }

  /** A successful login: the count starts again. */
  async succeeded(email: string): Promise<void> {
    await queryRows(this.db, `DELETE FROM login_failures WHERE email_key = $1`, [keyOf(email)]);
  }
}

const keyOf = (email: string): string => email.trim().toLowerCase();
