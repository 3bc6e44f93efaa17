import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * `transient`: the name did not resolve, which may pass; the other refusals are final. `reason`
 * is shown to clients and never names an address a name resolved to (that would map the internal
 * network for them); `address` is that address, for the server's own log.
 */
export type TargetCheck = Readonly<{ ok: true; url: URL }> | Readonly<{ ok: false; reason: string; transient?: true; address?: string }>;

/** How long the check waits for a name to resolve before it counts as not resolving (for now). */
export const RESOLVE_TIMEOUT_MS = 3_000;

// Every address that is not plainly public (RFC 6890 special-purpose ranges): loopback, private
// (RFC 1918, unique local), link-local, carrier-grade NAT, "this network", the IETF and
// benchmarking blocks, documentation, multicast and reserved space.
const privateRanges = new BlockList();
const IPV4_RANGES = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const;
for (const [net, prefix] of IPV4_RANGES) privateRanges.addSubnet(net, prefix, 'ipv4');
// IPv6: unspecified, loopback, IPv4-compatible (::a.b.c.d, deprecated), discard, NAT64 and 6to4
// (both reach IPv4 addresses through a gateway, private ones included), unique local, link-local,
// site-local (deprecated), multicast. IPv4-mapped ones are checked as the IPv4 address they map.
const IPV6_RANGES = [['::', 96], ['100::', 64], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2001:db8::', 32], ['2002::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]] as const;
for (const [net, prefix] of IPV6_RANGES) privateRanges.addSubnet(net, prefix, 'ipv6');
privateRanges.addAddress('::1', 'ipv6');

/** Whether an address is loopback, private or link-local (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return privateRanges.check(mapped, 'ipv4');
  return privateRanges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Accepts http(s) URLs whose host resolves only to public addresses, unless private ones are allowed. */
export async function checkTarget(target: string, allowPrivate: boolean, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol} is not http or https` };
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (error) {
    return { ok: false, reason: `host ${host} does not resolve: ${(error as Error).message}`, transient: true };
  }
  const refused = addresses.find(isPrivateAddress);
  if (refused === undefined) return { ok: true, url };
  if (isIP(host)) return { ok: false, reason: `host ${host} is not a public address` };
  return { ok: false, reason: `host ${host} resolves to a non-public address`, address: refused };
}

/** The system's resolver (getaddrinfo, /etc/hosts included), given up on after RESOLVE_TIMEOUT_MS so a silent name server holds nothing for long. */
const resolveAll = async (host: string): Promise<string[]> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${RESOLVE_TIMEOUT_MS} ms`)), RESOLVE_TIMEOUT_MS);
  });
  try {
    return (await Promise.race([lookup(host, { all: true }), timeout])).map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};
