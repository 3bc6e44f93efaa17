import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Actor, ANALYSIS_TYPES, type AnalysisType, OzErrorCode } from '@forensics/domain';
import type { DataSource } from 'typeorm';
import { OzHttpError } from '../../errors/oz-http-error';
import type { Caller } from '../caller';
import { storedBiometrySettings } from '../companies/biometry-settings';
import { IDENTITY_DATA_SOURCE } from '../database/identity-data-source.provider';
import { inTransaction } from '../database/query-rows';
import { type UserResponse, type UserRow, toUserResponse } from '../users/user.row';
import { looksLikeToken, newToken, tokenDigest } from './session-token';
import { SESSION_TTLS_TOKEN, type SessionTtls } from './session-ttl';
import { type SessionKind, SessionsRepository } from './sessions.repository';
import { TokenCache } from './token-cache';

/** The answer of login, refresh and service_token (reference/oz-api.md §1.1). */
export type SessionResponse = Readonly<{ access_token: string; expire_token: string; expire_date: number; user?: UserResponse }>;

const authError = (code: OzErrorCode, message: string) => new OzHttpError(code, message);

/** Access tokens: issue, check on every request, renew. */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(SESSION_TTLS_TOKEN) private readonly ttls: SessionTtls,
    @Inject(IDENTITY_DATA_SOURCE) private readonly db: DataSource,
    @Inject(TokenCache) private readonly cache: TokenCache,
  ) {}

  /** A new pair for the user: long-lived for a CLIENT_SERVICE, 15 minutes sliding for a person. */
  async open(user: UserRow, kind: SessionKind = user.user_type === 'CLIENT_SERVICE' ? 'service' : 'person'): Promise<SessionResponse> {
    await this.sessions.pruneDeadOf(user.user_id);
    const pair = this.newPair(user.user_id, kind, null);
    const expiresAt = await this.sessions.insert(pair.session);
    return { access_token: pair.access_token, expire_token: pair.expire_token, expire_date: expiresAt.getTime() / 1000, user: toUserResponse(user) };
  }

  /**
   * Who is behind an access token; AUTH NOT PROVIDED, AUTH INVALID or AUTH EXPIRED otherwise. A
   * token the database confirmed a moment ago is answered from the token cache (decision 0018).
   */
  async authenticate(token: string | undefined): Promise<Caller> {
    if (token === undefined || token === '') throw authError(OzErrorCode.AUTH_NOT_PROVIDED, 'The X-Forensic-Access-Token header is missing');
    if (!looksLikeToken(token)) throw authError(OzErrorCode.AUTH_INVALID, 'The access token is invalid');
    const digest = tokenDigest(token);
    const key = digest.toString('base64');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const begun = this.cache.begin();
    const found = await this.sessions.check(digest);
    // A revoked session or a deactivated user answers like an unknown token: nothing to learn from it.
    if (!found || !found.usable) throw authError(OzErrorCode.AUTH_INVALID, 'The access token is invalid');
    if (found.expired) throw authError(OzErrorCode.AUTH_EXPIRED, 'The access token has expired');
    const actor: Actor = { user_id: found.user_id, company_id: found.company_id, role: found.user_type };
    const allowed = ANALYSIS_TYPES.filter((type) => found[`can_start_analyse_${type.toLowerCase() as Lowercase<AnalysisType>}`]);
    const biometry = found.company_biometry_settings === null ? null : storedBiometrySettings(found.company_biometry_settings);
    // Shared by the requests the cache answers: nothing may change it.
    const caller: Caller = Object.freeze({ actor: Object.freeze(actor), sessionId: found.session_id, mayStartAnalyses: new Set(allowed), companyBiometry: biometry && Object.freeze(biometry) });
    // The pairs this check retired (the same user's) may be in the cache: forget them before anyone asks again.
    if (found.retiring) this.cache.forget({ userId: found.user_id });
    else this.cache.keep(key, caller, found.remaining_ms, begun);
    return caller;
  }

  /**
   * After this gateway changed who a user's tokens are (a role, a company, permissions): its next
   * request asks the database. Other gateways hear it from the database's notification.
   */
  forgetCheckedTokensOf(user_id: string): void {
    this.cache.forget({ userId: user_id });
  }

  /**
   * A fresh pair for an expire_token, asked with the caller's current (possibly expired) access
   * token. The old pair keeps working until the new one is first used, so a lost answer locks
   * nobody out; the old expire_token cannot renew twice.
   */
  async refresh(expireToken: string, accessToken: string | undefined): Promise<SessionResponse> {
    if (accessToken === undefined || accessToken === '') throw authError(OzErrorCode.AUTH_NOT_PROVIDED, 'The X-Forensic-Access-Token header is missing');
    const old = looksLikeToken(expireToken) ? await this.sessions.findRenewable(tokenDigest(expireToken)) : undefined;
    if (!old) throw authError(OzErrorCode.AUTH_INVALID, 'Session not found');
    const caller = looksLikeToken(accessToken) ? await this.sessions.ownerOfToken(tokenDigest(accessToken)) : undefined;
    if (caller !== old.user_id) throw new OzHttpError(OzErrorCode.AUTH_FORBIDDEN, 'You have not access to refresh this session');
    const pair = this.newPair(old.user_id, old.kind, old.session_id);
    const expiresAt = await inTransaction(this.db, async (client) => {
      const expires = await this.sessions.insert(pair.session, client);
      if (!(await this.sessions.markReplaced(old.session_id, pair.session.session_id, client))) throw authError(OzErrorCode.AUTH_INVALID, 'Session not found');
      return expires;
    });
    return { access_token: pair.access_token, expire_token: pair.expire_token, expire_date: expiresAt.getTime() / 1000 };
  }

  /** Ends every session of a user (deactivated, deleted). */
  async revokeAllOf(user_id: string, keep: string | null = null): Promise<void> {
    await this.sessions.revokeAllOf(user_id, keep);
    this.cache.forget({ userId: user_id });
  }

  private newPair(user_id: string, kind: SessionKind, replaces: string | null) {
    const access_token = newToken();
    const expire_token = newToken();
    const ttl_ms = kind === 'service' ? this.ttls.serviceMs : this.ttls.personMs;
    const session = {
      session_id: randomUUID(),
      token_hash: tokenDigest(access_token),
      expire_token_hash: tokenDigest(expire_token),
      user_id,
      kind,
      ttl_ms,
      refresh_ms: Math.max(ttl_ms, this.ttls.refreshMs),
      replaces,
    };
    return { access_token, expire_token, session };
  }
}
