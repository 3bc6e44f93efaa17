/**
 * Session lifetimes (reference/oz-api.md §1.1). Constants for now; the lead wires them into
 * GatewayConfig later (SESSION_TTL_MS, SERVICE_SESSION_TTL_MS).
 */
export const SESSION_TTLS = {
  /** A person's access token: 15 minutes, pushed forward by every request (OZ_SESSION_TTL). */
  personMs: 15 * 60 * 1000,
  /** A CLIENT_SERVICE token: 5 years (OZ_SESSION_LONGLIVE_TTL). */
  serviceMs: 5 * 365 * 24 * 60 * 60 * 1000,
  /** How long an expire_token can renew the pair after it was issued. */
  refreshMs: 24 * 60 * 60 * 1000,
} as const;

export type SessionTtls = Readonly<{ personMs: number; serviceMs: number; refreshMs: number }>;

/**
 * A request slides the expiry only when that moves it by more than 1% of the TTL (9 s for a
 * person), so a busy client costs one UPDATE every few seconds instead of one per request.
 */
export const SLIDE_GRANULARITY = 0.01;

/** The injection token of the lifetimes; IdentityModule provides SESSION_TTLS under it. */
export const SESSION_TTLS_TOKEN = Symbol('SESSION_TTLS');
