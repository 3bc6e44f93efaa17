import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { OzErrorCode } from '@forensics/domain';
import type { DataSource } from 'typeorm';
import { GATEWAY_CONFIG } from '../../config/gateway-config.provider';
import type { GatewayConfig } from '../../config/gateway.config';
import { OzHttpError } from '../../errors/oz-http-error';
import { IDENTITY_DATA_SOURCE } from '../database/identity-data-source.provider';
import { inTransaction } from '../database/query-rows';

/** The attempt's rows, removed again if the password was right. */
export type LoginAttempt = Readonly<{ ids: readonly string[]; keys: Readonly<{ fromAddress: string; email: string; address: string }> }>;

/**
 * Where a login comes from, as the throttle counts it: an IPv4 address, or an IPv6 address's /64
 * (one host is usually given a whole /64, and would otherwise have 2^64 addresses to rotate through).
 */
export function addressKey(address: string): string {
  const ip = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  // Not an IPv6 address (an IPv4 one, or whatever a misconfigured proxy passed on): counted as it is.
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Slows password guessing with three counts of failed logins in a sliding window: per e-mail and
 * client address (`loginMaxFailures`, 5), which stops one source guessing at one account; per
 * e-mail from anywhere (`loginMaxFailuresPerEmail`, 50), which stops a spread-out guess without
 * letting one source lock the account for everyone else; and per address over every e-mail
 * (`loginMaxFailuresPerAddress`, 30; an IPv6 /64 counts as one address), which stops one source
 * making the gateway hash passwords for ever-new e-mails. Over any, the login answers 429 with
 * Retry-After before the password is even hashed.
 *
 * The attempt is counted before the password is checked, under a lock on the e-mail: requests
 * sent at once cannot all pass the check, so at most the limit of passwords is ever tried per
 * window. A right password removes the attempt's rows and the failures from that address.
 * Keyed by e-mail whether or not a user has it, so the answers say nothing about who exists.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(IDENTITY_DATA_SOURCE) private readonly db: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Counts the attempt, or throws 429 when one of its counts is used up. */
  async begin(email: string, clientAddress: string): Promise<LoginAttempt> {
    const key = email.trim().toLowerCase();
    // Each kind of key has a prefix of its own: an "e-mail" is any text, and must not be able to
    // name (and fill) another kind's count, nor take another kind's lock.
    const address = `address:${addressKey(clientAddress)}`;
    const keys = { fromAddress: `email+address:${key} ${clientAddress}`, email: `email:${key}`, address };
    const window = this.config.loginFailureWindowMs;
    return inTransaction(this.db, async (client) => {
      // The e-mail's lock, then the address's: always in this order, so two logins never deadlock.
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`login ${keys.email}`]);
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`login ${keys.address}`]);
      await client.query(`DELETE FROM login_failures WHERE failed_at <= clock_timestamp() - $1::bigint * interval '1 millisecond'`, [window]);
      const { rows } = await client.query<{ attempt_key: string; n: number; retry_ms: number }>(
        `SELECT attempt_key, count(*)::int AS n, ceil(EXTRACT(EPOCH FROM min(failed_at) + $2::bigint * interval '1 millisecond' - clock_timestamp()) * 1000)::float8 AS retry_ms
         FROM login_failures WHERE attempt_key = ANY($1::text[]) GROUP BY attempt_key`,
        [[keys.fromAddress, keys.email, keys.address], window],
      );
      const limits = [
        { key: keys.fromAddress, limit: this.config.loginMaxFailures },
        { key: keys.email, limit: this.config.loginMaxFailuresPerEmail },
        { key: keys.address, limit: this.config.loginMaxFailuresPerAddress },
      ];
      const over = rows.filter((row) => limits.some(({ key, limit }) => row.attempt_key === key && row.n >= limit));
      if (over.length > 0) {
        const retryAfterS = Math.max(1, Math.ceil(Math.max(...over.map((r) => r.retry_ms)) / 1000));
        const what = over.some((row) => row.attempt_key === keys.address) && !over.some((row) => row.attempt_key !== keys.address) ? 'from this address' : 'for this e-mail';
        throw new OzHttpError(OzErrorCode.AUTH_FORBIDDEN, `Too many failed logins ${what}; try again in ${retryAfterS} s`, { retry_after_s: retryAfterS }, 429, { 'Retry-After': String(retryAfterS) });
      }
      const inserted = await client.query<{ id: string }>(`INSERT INTO login_failures (attempt_key) VALUES ($1), ($2), ($3) RETURNING id`, [keys.fromAddress, keys.email, keys.address]);
      return { ids: inserted.rows.map((r) => r.id), keys };
    });
  }

  /** The password was right: this attempt and the failures from this address no longer count. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.db.query(`DELETE FROM login_failures WHERE id = ANY($1::bigint[]) OR attempt_key = $2`, [[...attempt.ids], attempt.keys.fromAddress]);
  }
}
