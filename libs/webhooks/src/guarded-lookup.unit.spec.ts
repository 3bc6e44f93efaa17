import type { LookupOptions } from 'node:dns';
import { guardedLookup, TARGET_REFUSED } from './guarded-lookup';

/** Runs a lookup function once and answers what it called back with. */
const run = (lookup: ReturnType<typeof guardedLookup>, host: string, options: LookupOptions = {}) =>
  new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) =>
    lookup(host, options, (error, address, family) => resolve({ error, address, ...(family === undefined ? {} : { family }) })),
  );

const dns = (...addresses: string[]) => (_host: string, callback: (e: null, a: { address: string; family: number }[]) => void) =>
  callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

describe('the lookup a webhook connection uses', () => {
  it('given a name with only public addresses, then it connects to the first', async () => {
    expect(await run(guardedLookup(false, dns('93.184.216.34', '93.184.216.35')), 'hooks.example.com')).toEqual({ error: null, address: '93.184.216.34', family: 4 });
  });

  it('given a name that now resolves to a private address (rebinding after the check), then the connection is refused', async () => {
    const { error } = await run(guardedLookup(false, dns('93.184.216.34', '127.0.0.1')), 'rebound.example.com');
    expect(error?.code).toBe(TARGET_REFUSED);
    expect(error?.message).toBe('host rebound.example.com resolves to a non-public address');
    expect((error as { address?: string }).address).toBe('127.0.0.1');
  });

  it('given private targets allowed, then a loopback answer is used', async () => {
    expect(await run(guardedLookup(true, dns('127.0.0.1')), 'localhost')).toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('given a caller that asks for every address of one family, then it gets them', async () => {
    const { error, address } = await run(guardedLookup(false, dns('93.184.216.34', '2606:4700::1111')), 'dual.example.com', { all: true, family: 6 });
    expect(error).toBeNull();
    expect(address).toEqual([{ address: '2606:4700::1111', family: 6 }]);
  });

  it('given a name that does not resolve, then the DNS error is passed on', async () => {
    const failing = (_h: string, callback: (e: NodeJS.ErrnoException, a: never[]) => void) => callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), []);
    expect((await run(guardedLookup(false, failing), 'gone.example.com')).error?.code).toBe('ENOTFOUND');
  });
});
