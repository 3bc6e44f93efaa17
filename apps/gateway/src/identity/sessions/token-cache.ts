import type { Caller } from '../caller';

export type TokenCacheOptions = Readonly<{
  /** How long a checked token is believed without asking the database again; 0 turns the cache off. */
  ttlMs: number;
  /** Tokens held at most; the oldest go first. */
  maxEntries: number;
  /** A monotonic clock in milliseconds. */
  now?: () => number;
}>;

type Entry = Readonly<{ caller: Caller; until: number }>;

/**
 * The callers of recently checked access tokens, so that a client sending request after request
 * does not cost a database round trip each time (decision 0018). It is only a shortcut for what
 * the database said a moment ago, and it forgets everything:
 * - whenever an identity row that decides who a token is changes (a session revoked, a user or a
 *   company updated or deleted): `forgetAll`, from this gateway's own writes and from the
 *   database's notification for everyone else's;
 * - while the notifications cannot be heard (`setListening(false)`): nothing is kept then;
 * - after `ttlMs`, or sooner when the session expires.
 * A check that was under way while the cache forgot is not kept either (`begin` / `keep`): it may
 * have read the rows from before the change.
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
  begin(): number {
    return this.generation;
  }

  /**
   * Keeps a caller the database just confirmed, for at most `ttlMs` and at most `remainingMs` (the
   * session's own time left, on the database's clock); not when the cache forgot since `begin`.
   */
  keep(key: string, caller: Caller, remainingMs: number, begun: number): void {
    if (!this.listening || this.options.ttlMs <= 0 || begun !== this.generation) return;
    const lifetime = Math.min(this.options.ttlMs, remainingMs);
    if (!(lifetime > 0)) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { caller, until: this.now() + lifetime });
  }

  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether the changes are heard; the cache keeps nothing while they are not. */
  setListening(listening: boolean): void {
    this.listening = listening;
    this.forgetAll();
  }

  get size(): number {
    return this.entries.size;
  }
}
