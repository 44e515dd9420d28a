import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookupCallback } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A webhook URL goodstream will not call: not https, not a URL, or a host that is not public. */
export class UnsafeWebhookUrlError extends Error {
  override readonly name = 'UnsafeWebhookUrlError';
}

const v4Of = (high: number, low: number): ipaddr.IPv4 =>
  new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);

/**
 * The IPv4 addresses an IPv6 one carries, which is where a packet to it ends up:
 * mapped (::ffff:a.b.c.d), translated (::ffff:0:a.b.c.d), compatible (::a.b.c.d),
 * NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48, the address in the last 32 bits),
 * 6to4 (2002:AABB:CCDD::) and Teredo (its server, and its client stored inverted).
 */
function carriedV4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, , , p6 = 0, p7 = 0] = address.parts;
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return [v4Of(p6, p7)];
    case '6to4':
      return [v4Of(p1, p2)];
    case 'teredo':
      return [v4Of(p2, p3), v4Of(p6 ^ 0xffff, p7 ^ 0xffff)];
    default:
      return p0 === 0 && address.parts.slice(0, 6).every((part) => part === 0) ? [v4Of(p6, p7)] : [];
  }
}

/**
 * Whether an IP literal is loopback, private, link-local, CGNAT, unique-local, multicast,
 * unspecified, reserved or otherwise not on the public internet, looking through every
 * IPv6 form that carries an IPv4 address. Anything that is not an address is refused too.
 */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.split('%')[0] ?? '';
  if (isIP(bare) === 0) return true;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const carried = carriedV4(parsed as ipaddr.IPv6);
  if (carried.length > 0) return carried.some((v4) => v4.range() !== 'unicast');
  return parsed.range() !== 'unicast';
}

/** Why a connection to `address` is refused, or undefined when it may be made. */
function refusal(hostname: string, address: string, allowPrivate: boolean): string | undefined {
  if (allowPrivate || !isNonPublicAddress(address)) return undefined;
  return hostname === address
    ? `refused: ${address} is not a public address`
    : `refused: ${hostname} resolves to ${address}, which is not a public address`;
}

/**
 * The SSRF guard at connect time, for http.request's `lookup`: the addresses a name
 * resolves to now, not when it was registered. Node never calls a `lookup` for an IP
 * literal, so callers check literals with {@link assertLiteralAllowed} first.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = Array.isArray(addresses) ? addresses : [];
      const refused = list.map((a) => refusal(hostname, a.address, allowPrivate)).find((r) => r !== undefined);
      if (refused || list.length === 0)
        return callback(new UnsafeWebhookUrlError(refused ?? `refused: ${hostname} does not resolve`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** The host of a URL without IPv6 brackets. */
export const bareHostname = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Throws UnsafeWebhookUrlError when the URL's host is an IP literal that may not be called; a name is left to the
 * lookup.
 */
export function assertLiteralAllowed(url: URL, allowPrivate: boolean): void {
  const host = bareHostname(url);
  if (isIP(host) === 0) return;
  const refused = refusal(host, host, allowPrivate);
  if (refused) throw new UnsafeWebhookUrlError(refused);
}

export type Lookup = (hostname: string) => Promise<readonly LookupAddress[]>;

const LOOKUP_TIMEOUT_MS = 5000;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

async function resolve(hostname: string, lookup: Lookup): Promise<readonly LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnsafeWebhookUrlError(`the host ${hostname} did not resolve in time`)),
      LOOKUP_TIMEOUT_MS,
    );
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
export async function assertPublicAddress(
  url: string | URL,
  allowPrivate: boolean,
  lookup: Lookup = systemLookup,
): Promise<readonly LookupAddress[]> {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const hostname = bareHostname(parsed);
  if (hostname === '') throw new UnsafeWebhookUrlError('the URL has no host');
  const family = isIP(hostname);
  if (family !== 0) {
    if (!allowPrivate && isNonPublicAddress(hostname))
      throw new UnsafeWebhookUrlError(`${hostname} is not a public address`);
    return [{ address: hostname, family }];
  }
  if (allowPrivate) return [];
  const addresses = await resolve(hostname, lookup);
  if (addresses.length === 0) throw new UnsafeWebhookUrlError(`the host ${hostname} does not resolve`);
  const refused = addresses.find((a) => isNonPublicAddress(a.address));
  if (refused)
    throw new UnsafeWebhookUrlError(
      `the host ${hostname} resolves to ${refused.address}, which is not a public address`,
    );
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
