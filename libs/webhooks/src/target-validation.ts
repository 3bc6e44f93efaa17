import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** `transient`: the name did not resolve, which may pass; the other refusals are final. */
export type TargetCheck = Readonly<{ ok: true; url: URL }> | Readonly<{ ok: false; reason: string; transient?: true }>;

// Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT and "this network".
const privateRanges = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) privateRanges.addSubnet(net, prefix, 'ipv6');

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
  if (refused !== undefined) return { ok: false, reason: `host ${host} resolves to the private address ${refused}` };
  return { ok: true, url };
}

const resolveAll = async (host: string): Promise<string[]> => (await lookup(host, { all: true })).map((a) => a.address);
