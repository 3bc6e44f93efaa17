import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@forensics/domain';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { IDENTITY_DATA_SOURCE } from '../database/identity-data-source.provider';
import { queryRows } from '../database/query-rows';
import { SLIDE_GRANULARITY } from './session-ttl';

export type SessionKind = 'person' | 'service';

export type NewSession = Readonly<{
  session_id: string;
  token_hash: Buffer;
  expire_token_hash: Buffer;
  user_id: string;
  kind: SessionKind;
  ttl_ms: number;
  refresh_ms: number;
  replaces: string | null;
}>;

/** What the guard learns from an access token in one statement, the user's analysis permissions included. */
export type TokenCheck = Readonly<{
  session_id: string;
  user_id: string;
  company_id: string | null;
  user_type: Role;
  usable: boolean;
  expired: boolean;
  can_start_analyse_quality: boolean;
  can_start_analyse_biometry: boolean;
  can_start_analyse_collection: boolean;
  /** The user's company's biometry settings (decision 0015); null for a user without a company. */
  company_biometry_settings: Record<string, unknown> | null;
  /** The session's time left before this check slid it, on the database's clock. */
  remaining_ms: number;
  /** The first use of a refreshed pair: this check retired the pairs it replaced. */
  retiring: boolean;
}>;

/**
 * One statement per request: find the session with its user; slide its expiry when that moves it
 * by more than the granularity; and, on the first use of a refreshed pair, retire the pairs it
 * replaced, the whole chain (reference/oz-api.md §1.1). `now()` is the statement's time on the database's clock.
 */
const CHECK_TOKEN = `
  WITH RECURSIVE found AS (
    SELECT s.session_id, s.expires_at, s.ttl_ms, s.replaces, u.user_id, u.company_id, u.user_type,
           u.can_start_analyse_quality, u.can_start_analyse_biometry, u.can_start_analyse_collection,
           c.biometry_settings AS company_biometry_settings,
           s.revoked_at IS NULL AND u.is_active AND u.deleted_at IS NULL AS usable, s.expires_at <= now() AS expired
    FROM sessions s JOIN users u ON u.user_id = s.user_id LEFT JOIN companies c ON c.company_id = u.company_id
    WHERE s.token_hash = $1
  ), slid AS (
    UPDATE sessions s SET expires_at = now() + f.ttl_ms * interval '1 millisecond', replaces = NULL
    FROM found f
    WHERE s.session_id = f.session_id AND f.usable AND NOT f.expired
      AND (f.replaces IS NOT NULL OR f.expires_at < now() + f.ttl_ms * (1 - $2::float8) * interval '1 millisecond')
    RETURNING s.session_id
  ), replaced AS (
    -- The pair this one replaced, and the one that replaced, and so on: refreshed twice before use
    -- (A -> B -> C), the first use of C retires both B and A.
    SELECT f.replaces AS session_id FROM found f WHERE f.replaces IS NOT NULL AND f.usable AND NOT f.expired
    UNION
    SELECT s.replaces FROM sessions s JOIN replaced r ON s.session_id = r.session_id WHERE s.replaces IS NOT NULL
  ), retired AS (
    UPDATE sessions p SET revoked_at = now()
    FROM replaced r
    WHERE p.session_id = r.session_id AND p.revoked_at IS NULL
    RETURNING p.session_id
  )
  SELECT session_id, user_id, company_id, user_type, usable, expired,
         can_start_analyse_quality, can_start_analyse_biometry, can_start_analyse_collection, company_biometry_settings,
         (extract(epoch FROM expires_at - now()) * 1000)::float8 AS remaining_ms, replaces IS NOT NULL AS retiring FROM found`;

/** The `sessions` table: only SHA-256 digests of tokens, never a token. */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly db: DataSource) {}

  async check(tokenHash: Buffer): Promise<TokenCheck | undefined> {
    const rows = await queryRows<TokenCheck>(this.db, CHECK_TOKEN, [tokenHash, SLIDE_GRANULARITY], 'identity_check_token');
    return rows[0];
  }

  /** Opens a session; answers when its access token expires. */
  async insert(session: NewSession, client?: PoolClient): Promise<Date> {
    const text = `INSERT INTO sessions (session_id, token_hash, expire_token_hash, user_id, kind, ttl_ms, expires_at, refresh_expires_at, replaces)
      VALUES ($1, $2, $3, $4, $5, $6::bigint, now() + $6::bigint * interval '1 millisecond', now() + $7::bigint * interval '1 millisecond', $8) RETURNING expires_at`;
    const values = [session.session_id, session.token_hash, session.expire_token_hash, session.user_id, session.kind, session.ttl_ms, session.refresh_ms, session.replaces];
    const rows = client ? (await client.query<{ expires_at: Date }>(text, values)).rows : await queryRows<{ expires_at: Date }>(this.db, text, values);
    return (rows[0] as { expires_at: Date }).expires_at;
  }

  /** A session its expire_token can still renew: not revoked, not already renewed, not too old, its user active. */
  async findRenewable(expireTokenHash: Buffer): Promise<{ session_id: string; user_id: string; kind: SessionKind; ttl_ms: string } | undefined> {
    const rows = await queryRows<{ session_id: string; user_id: string; kind: SessionKind; ttl_ms: string }>(
      this.db,
      `SELECT s.session_id, s.user_id, s.kind, s.ttl_ms FROM sessions s JOIN users u ON u.user_id = s.user_id
       WHERE s.expire_token_hash = $1 AND s.revoked_at IS NULL AND s.replaced_by IS NULL AND s.refresh_expires_at > now()
         AND u.is_active AND u.deleted_at IS NULL`,
      [expireTokenHash],
    );
    return rows[0];
  }

  async ownerOfToken(tokenHash: Buffer): Promise<string | undefined> {
    const rows = await queryRows<{ user_id: string }>(this.db, `SELECT user_id FROM sessions WHERE token_hash = $1`, [tokenHash]);
    return rows[0]?.user_id;
  }

  /** Marks a session as renewed by another; false when someone renewed it first. */
  async markReplaced(session_id: string, replaced_by: string, client: PoolClient): Promise<boolean> {
    const result = await client.query(`UPDATE sessions SET replaced_by = $2 WHERE session_id = $1 AND replaced_by IS NULL AND revoked_at IS NULL`, [session_id, replaced_by]);
    return result.rowCount === 1;
  }

  /** Ends every session of a user, but `keep` (the caller's own) when given. */
  async revokeAllOf(user_id: string, keep: string | null = null): Promise<void> {
    await queryRows(this.db, `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND session_id IS DISTINCT FROM $2::uuid`, [user_id, keep]);
  }

  /** Drops a user's sessions that can neither authenticate nor renew any more, so the table does not grow forever. */
  async pruneDeadOf(user_id: string): Promise<void> {
    await queryRows(this.db, `DELETE FROM sessions WHERE user_id = $1 AND expires_at < now() - interval '1 day' AND refresh_expires_at < now()`, [user_id]);
  }
}
