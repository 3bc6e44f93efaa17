import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost: N = 2^15, r = 8, p = 1 takes 32 MiB and about 50-100 ms a hash, the OWASP
 * minimum for scrypt. The parameters are written into each hash, so raising them later leaves
 * older hashes verifiable.
 */
export const SCRYPT_PARAMS = { logN: 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

type Params = Readonly<{ logN: number; r: number; p: number }>;

/**
 * Hashes running at once, at most: each takes 32 MiB and a thread of libuv's pool, which the
 * blob store's file I/O and name lookups share. A flood of logins waits its turn here instead of
 * taking the pool and half a gigabyte.
 */
export const MAX_CONCURRENT_HASHES = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finished hash hands its slot to the first waiter, so no newcomer can slip in between.
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

const derive = (password: string, salt: Buffer, keyLength: number, { logN, r, p }: Params): Promise<Buffer> =>
  withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        // Node refuses more than 32 MiB by default, which is exactly what N = 2^15, r = 8 needs.
        const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r };
        scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );

/** Hashes running now (for tests). */
export const hashesRunning = (): number => running;

/** `scrypt$15$8$1$<salt>$<key>`, both base64url: a fresh random salt every time. */
export async function hashPassword(password: string, params: Params = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SCRYPT_PARAMS.saltLength);
  const key = await derive(password, salt, SCRYPT_PARAMS.keyLength, params);
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether the password matches the stored hash, compared in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (![params.logN, params.r, params.p].every((n) => Number.isInteger(n) && n > 0) || params.logN > 20) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, params);
  return expected.length > 0 && timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: login verifies against it when the e-mail is unknown, so both take as long. */
export const UNUSABLE_PASSWORD_HASH = `scrypt$${SCRYPT_PARAMS.logN}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(32).toString('base64url')}`;
