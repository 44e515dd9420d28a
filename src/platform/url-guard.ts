import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** A webhook URL goodstream will not call: not https, not a URL, or a host that is not public. */
export class UnsafeWebhookUrlError extends Error {
  override readonly name = 'UnsafeWebhookUrlError';
}

const blocked = new BlockList();
const V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];
for (const [net, prefix] of V4) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of V6) blocked.addSubnet(net, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included). */
function groupsOf(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

const v4From = (high: number, low: number): string => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

/** The IPv4 address an IPv6 one carries: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedV4(address: string): string | undefined {
  const g = groupsOf(address);
  if (g.length !== 8 || g.some((n) => Number.isNaN(n))) return undefined;
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((n) => n === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || g[5] === 0)) return v4From(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4From(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4From(g[1]!, g[2]!);
  return undefined;
}

/** Whether an IP literal is loopback, private, link-local, CGNAT, multicast, unspecified or otherwise not on the public internet. */
export function isNonPublicAddress(address: string): boolean {
  if (isIPv4(address)) return blocked.check(address, 'ipv4');
  if (!isIPv6(address)) return true; // not an address at all: never call it
  const v4 = embeddedV4(address);
  if (v4 !== undefined) return blocked.check(v4, 'ipv4');
  return blocked.check(address.split('%')[0]!, 'ipv6');
}

export type Lookup = (hostname: string) => Promise<readonly LookupAddress[]>;

const LOOKUP_TIMEOUT_MS = 5000;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

async function resolve(hostname: string, lookup: Lookup): Promise<readonly LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnsafeWebhookUrlError(`the host ${hostname} did not resolve in time`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    return await Promise.race([lookup(hostname), timeout]);
  } catch (error) {
    if (error instanceof UnsafeWebhookUrlError) throw error;
    throw new UnsafeWebhookUrlError(`the host ${hostname} does not resolve`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves the URL's host and refuses it when any address it resolves to is not
 * public, unless `allowPrivate`. Call it when the subscription is written and
 * again at connect time (DNS may have changed since); connect to one of the
 * addresses answered, so the check and the connection see the same host.
 */
export async function assertPublicAddress(url: string | URL, allowPrivate: boolean, lookup: Lookup = systemLookup): Promise<readonly LookupAddress[]> {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') throw new UnsafeWebhookUrlError('the URL has no host');
  if (isIPv4(hostname) || isIPv6(hostname)) {
    const family = isIPv4(hostname) ? 4 : 6;
    if (!allowPrivate && isNonPublicAddress(hostname)) throw new UnsafeWebhookUrlError(`${hostname} is not a public address`);
    return [{ address: hostname, family }];
  }
  if (allowPrivate) return [];
  const addresses = await resolve(hostname, lookup);
  if (addresses.length === 0) throw new UnsafeWebhookUrlError(`the host ${hostname} does not resolve`);
  const refused = addresses.find((a) => isNonPublicAddress(a.address));
  if (refused) throw new UnsafeWebhookUrlError(`the host ${hostname} resolves to ${refused.address}, which is not a public address`);
  return addresses;
}

export interface UrlRules {
  readonly allowPrivate: boolean;
  readonly allowHttp: boolean;
}

/** Scheme, credentials and host of a webhook URL, before it is stored; the message says what is wrong. */
export async function checkWebhookUrl(raw: string, rules: UrlRules, lookup?: Lookup): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeWebhookUrlError('not a URL');
  }
  const httpAllowed = rules.allowHttp || rules.allowPrivate;
  if (url.protocol !== 'https:' && !(httpAllowed && url.protocol === 'http:')) {
    throw new UnsafeWebhookUrlError(httpAllowed ? 'an http or https URL is required' : 'an https URL is required');
  }
  if (url.username || url.password) throw new UnsafeWebhookUrlError('the URL may not carry a user name or password');
  await assertPublicAddress(url, rules.allowPrivate, lookup);
  return url.toString();
}
