import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './target-validation';

/** The error code of a connection refused because its name resolved to a private address. */
export const TARGET_REFUSED = 'ETARGETREFUSED';

type Resolve = (host: string, callback: (error: NodeJS.ErrnoException | null, addresses: readonly { address: string; family: number }[]) => void) => void;

const resolveAll: Resolve = (host, callback) => dnsLookup(host, { all: true }, (error, addresses) => callback(error, addresses ?? []));

/** The same lookup over a promise-returning resolver (the one `checkTarget` takes). */
export const resolverOf =
  (resolve: (host: string) => Promise<string[]>): Resolve =>
  (host, callback) =>
    resolve(host).then(
      (addresses) => callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))),
      (error: NodeJS.ErrnoException) => callback(error, []),
    );

/**
 * A `lookup` for the connection itself: it resolves the name and refuses it when any address is
 * private (unless allowed), so the check and the connection use the same answer. A name checked
 * once and resolved again to connect could point elsewhere the second time (DNS rebinding).
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolve = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (refused) {
        // The message may reach clients (a delivery's attempts); the address goes only to the log.
        const refusal: NodeJS.ErrnoException & { address?: string } = new Error(`host ${hostname} resolves to a non-public address`);
        refusal.code = TARGET_REFUSED;
        refusal.address = refused.address;
        return callback(refusal, '', 0);
      }
      const wanted = options.family === 6 || options.family === 4 ? addresses.filter((a) => a.family === options.family) : addresses;
      if (options.all) return (callback as unknown as (e: null, all: readonly { address: string; family: number }[]) => void)(null, wanted);
      const first = wanted[0];
      if (!first) {
        const none: NodeJS.ErrnoException = new Error(`host ${hostname} has no address`);
        none.code = 'ENOTFOUND';
        return callback(none, '', 0);
      }
      return callback(null, first.address, first.family);
    });
  };
}
