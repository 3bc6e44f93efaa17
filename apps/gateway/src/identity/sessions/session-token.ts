import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes in base64url: 43 characters, 256 bits nobody can guess. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256. A token is random, so no slow hash is needed. */
export const tokenDigest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Whether a header value can be a token at all; anything else is refused before a query. */
export const looksLikeToken = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
