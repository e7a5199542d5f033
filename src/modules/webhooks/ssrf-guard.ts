import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must never reach: this host, private networks and cloud metadata, so a
 * store cannot use our sender to probe the network baas runs in. BlockList also matches the
 * IPv4-mapped IPv6 forms (`::ffff:127.0.0.1`) against the IPv4 subnets.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // `::`, `::1` and the deprecated IPv4-compatible form (`::127.0.0.1`), which BlockList does not map to IPv4.
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  // NAT64: a gateway would translate these to arbitrary IPv4 addresses, private ones included.
  ['64:ff9b::', 96],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** True for an address in a blocked range, and for anything that is not an IP address at all. */
export function isBlockedAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  return BLOCKED.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export type UrlCheck = { ok: true } | { ok: false; reason: string };

/** The host part of a URL as an address or name: IPv6 literals come bracketed from the parser. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Checks a URL when an endpoint is registered. It cannot see where a name resolves to later, so
 * `guardedLookup` repeats the address check when each attempt connects.
 */
export function checkWebhookUrl(url: string, options: { allowPrivate: boolean; requireHttps: boolean }): UrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('The URL is not valid.');
  }
  if (options.requireHttps && parsed.protocol !== 'https:') return refuse('The URL must use https.');
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse('The URL must use https or http.');
  if (parsed.username !== '' || parsed.password !== '') return refuse('The URL must not contain a user name or password.');
  // The parser reports a bare trailing `#` as an empty hash, but a literal `#` can only start a fragment.
  if (url.includes('#')) return refuse('The URL must not contain a fragment (#…).');
  if (options.allowPrivate) return { ok: true };

  const host = urlHost(parsed);
  if (isIP(host) !== 0 && isBlockedAddress(host)) {
    return refuse(`The URL points to ${host}, a loopback, private, link-local or reserved address.`);
  }
  if (isLocalhostName(host)) return refuse('The URL points to localhost.');
  return { ok: true };
}

/** RFC 6761 reserves `localhost` and every name under it for loopback; a trailing dot is the same name. */
function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

function refuse(reason: string): UrlCheck {
  return { ok: false, reason };
}

/** `dns.lookup` in its `{ all: true }` form; tests pass a fake to control what a name resolves to. */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';

  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a loopback, private, link-local or reserved address.`);
    this.name = 'BlockedAddressError';
  }
}

/**
 * A `lookup` for http(s).request that refuses to connect when the name resolves to a blocked
 * address. Checking at connect time, on the addresses actually used, defeats DNS rebinding: a
 * name that looked public at registration cannot point inside later.
 */
export function guardedLookup(allowPrivate: boolean, resolve: Resolver = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    // Every address is resolved and checked, even when the caller wants one, so none slips through.
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const first = addresses[0];
      if (first === undefined) {
        return callback(Object.assign(new Error(`${hostname} has no addresses.`), { code: 'ENOTFOUND' }), []);
      }
      const blocked = allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), []);
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}
