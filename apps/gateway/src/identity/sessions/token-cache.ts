import type { Caller } from '../caller';

export type TokenCacheOptions = Readonly<{
  /** How long a checked token is believed without asking the database again; 0 turns the cache off. */
  ttlMs: number;
  /** Tokens held at most; the oldest go first. */
  maxEntries: number;
  /** A monotonic clock in milliseconds. */
  now?: () => number;
}>;

/** Whose tokens to forget: one user's, one company's users', or everyone's. */
export type ForgetScope = Readonly<{ userId: string }> | Readonly<{ companyId: string }> | 'all';

/** What `begin` hands to `keep`: when the check began, and what the cache had forgotten by then. */
export type CheckBegun = Readonly<{ generation: number; at: number }>;

type Entry = Readonly<{ caller: Caller; until: number }>;

/**
 * The callers of recently checked access tokens, so that a client sending request after request
 * does not cost a database round trip each time (decision 0018). It is only a shortcut for what
 * the database said a moment ago, and it forgets:
 * - whenever an identity row that decides who a token is changes (a session revoked, a user or a
 *   company updated or deleted): `forget`, from this gateway's own writes and from the database's
 *   notification for everyone else's;
 * - everything, while the notifications cannot be heard (`setListening(false)`): nothing is kept then;
 * - after `ttlMs` from the check's start, or sooner when the session expires.
 * A check that was under way while the cache forgot anything is not kept (`begin` / `keep`): it
 * may have read the rows from before the change.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private generation = 0;
  private listening = false;

  constructor(private readonly options: TokenCacheOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The caller a token was found to be, if that is recent enough to believe. */
  get(key: string): Caller | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.until > this.now()) return entry.caller;
    this.entries.delete(key);
    return null;
  }

  /** Call before asking the database; hand the result to `keep`. */
  begin(): CheckBegun {
    return { generation: this.generation, at: this.now() };
  }

  /**
   * Keeps a caller the database just confirmed, from the check's start for at most `ttlMs` and at
   * most `remainingMs` (the session's time left, on the database's clock); not when the cache
   * forgot anything since `begin`.
   */
  keep(key: string, caller: Caller, remainingMs: number, begun: CheckBegun): void {
    if (!this.listening || this.options.ttlMs <= 0 || begun.generation !== this.generation) return;
    const until = begun.at + Math.min(this.options.ttlMs, remainingMs);
    if (!(until > this.now())) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { caller, until });
  }

  forget(scope: ForgetScope): void {
    this.generation += 1;
    if (scope === 'all') {
      this.entries.clear();
      return;
    }
    for (const [key, { caller }] of this.entries) {
      if ('userId' in scope ? caller.actor.user_id === scope.userId : caller.actor.company_id === scope.companyId) this.entries.delete(key);
    }
  }

  /** Whether the changes are heard; the cache keeps nothing while they are not. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.forget('all');
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The scope a notification of the identity triggers names ('user:<id>', 'company:<id>', 'all'); anything else forgets everything. */
export function forgetScopeOf(payload: string | undefined): ForgetScope {
  const [kind, id] = (payload ?? '').split(':', 2);
  if (kind === 'user' && id) return { userId: id };
  if (kind === 'company' && id) return { companyId: id };
  return 'all';
}
