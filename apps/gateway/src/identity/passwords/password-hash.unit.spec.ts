import { hashesRunning, hashPassword, MAX_CONCURRENT_HASHES, UNUSABLE_PASSWORD_HASH, verifyPassword } from './password-hash';

describe('password hashing', () => {
  it('stores scrypt with its cost parameters and a salt, never the password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('correct horse battery');
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    expect(await hashPassword('same password')).not.toEqual(await hashPassword('same password'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('s3cret-password');
    await expect(verifyPassword('s3cret-password', hash)).resolves.toBe(true);
    await expect(verifyPassword('s3cret-passwore', hash)).resolves.toBe(false);
  });

  it('verifies with the parameters written in the hash, so cheaper old hashes still work', async () => {
    const old = await hashPassword('legacy', { logN: 10, r: 8, p: 1 });
    expect(old.startsWith('scrypt$10$8$1$')).toBe(true);
    await expect(verifyPassword('legacy', old)).resolves.toBe(true);
  });

  it('never matches a malformed or unusable hash', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$99$8$1$AAAA$AAAA')).resolves.toBe(false);
    await expect(verifyPassword('', UNUSABLE_PASSWORD_HASH)).resolves.toBe(false);
  });

  it(`runs at most ${MAX_CONCURRENT_HASHES} hashes at once: a flood of logins waits its turn, and every one is answered`, async () => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hashesRunning())), 1);
    const hashes = await Promise.all(Array.from({ length: 12 }, (_, n) => hashPassword(`password-${n}`, { logN: 12, r: 8, p: 1 })));
    clearInterval(watch);
    expect(hashes).toHaveLength(12);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(MAX_CONCURRENT_HASHES);
    expect(hashesRunning()).toBe(0);
  });
});
