import { describe, expect, it } from 'vitest';
import {
  assertLiteralAllowed,
  assertPublicAddress,
  checkWebhookUrl,
  guardedLookup,
  isNonPublicAddress,
  UnsafeWebhookUrlError,
  type Lookup,
} from '../../../src/platform/url-guard.js';

const resolvesTo =
  (...addresses: string[]): Lookup =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
const noDns: Lookup = () => Promise.reject(new Error('no DNS in this test'));

describe('webhook URL guard', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456:789a::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '0:0:0:0:0:ffff:c0a8:0101',
    '::127.0.0.1',
    '64:ff9b::a00:1',
    '2002:7f00:1::',
    '::ffff:0:127.0.0.1',
    '::ffff:0:7f00:1',
    '::ffff:0:10.1.2.3',
    '::10.0.0.1',
    '64:ff9b::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b:1::7f00:1',
    '64:ff9b:1:2:3:4:c0a8:101',
    '2002:c0a8:101::1',
    '2002:a9fe:a9fe:1::',
    '2001:0:4136:e378:8000:63bf:80ff:fffe',
    '2001:0:7f00:1:8000:63bf:f7f7:f7f7',
    '::ffff:100.64.0.1',
    '::ffff:224.0.0.1',
    '::ffff:255.255.255.255',
    '2001:db8::1',
    'fec0::1',
    '100::1',
    '198.18.0.1',
    '192.0.2.1',
    '240.0.0.1',
    'not-an-ip',
  ])('when the address is %s, then it is not public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '2a00:1450:4007:80e::200e',
    '::ffff:0:8.8.8.8',
    '::8.8.8.8',
    '64:ff9b::808:808',
    '64:ff9b:1::808:808',
    '2002:808:808::1',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ])('when the address is %s, then it is public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });

  it('when the URL is an IP literal, then it is checked without DNS, brackets and odd IPv4 forms included', async () => {
    await expect(assertPublicAddress('https://[::ffff:127.0.0.1]/x', false, noDns)).rejects.toThrow(
      UnsafeWebhookUrlError,
    );
    await expect(assertPublicAddress('https://[::1]:8443/x', false, noDns)).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(assertPublicAddress('https://2130706433/x', false, noDns)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(assertPublicAddress('https://0x7f.1/x', false, noDns)).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(assertPublicAddress('https://93.184.215.14/x', false, noDns)).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
    ]);
  });

  it.each([
    'http://[::ffff:0:127.0.0.1]/x',
    'http://[64:ff9b:1::7f00:1]/x',
    'http://[64:ff9b::7f00:1]/x',
    'http://[2002:7f00:1::]/x',
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x',
    'http://[::127.0.0.1]/x',
  ])('when a subscription names %s, then it is refused before it is stored, naming the address', async (url) => {
    await expect(checkWebhookUrl(url, { allowPrivate: false, allowHttp: true }, noDns)).rejects.toThrow(
      /is not a public address/,
    );
  });

  it.each([
    'http://[::ffff:0:8.8.8.8]/x',
    'http://[64:ff9b:1::808:808]/x',
    'http://[64:ff9b::808:808]/x',
    'http://[2002:808:808::1]/x',
  ])('when a subscription names the public %s, then it is accepted', async (url) => {
    await expect(checkWebhookUrl(url, { allowPrivate: false, allowHttp: true }, noDns)).resolves.toBe(
      new URL(url).toString(),
    );
  });

  it('when an IP literal is checked at connect time, then a private one is refused unless private addresses are allowed, and a name is left to the lookup', () => {
    expect(() => assertLiteralAllowed(new URL('http://[::ffff:0:127.0.0.1]/x'), false)).toThrow(UnsafeWebhookUrlError);
    expect(() => assertLiteralAllowed(new URL('http://[64:ff9b:1::7f00:1]:8080/x'), false)).toThrow(
      /not a public address/,
    );
    expect(() => assertLiteralAllowed(new URL('http://127.0.0.1:9/x'), false)).toThrow(/127\.0\.0\.1/);
    expect(() => assertLiteralAllowed(new URL('http://127.0.0.1:9/x'), true)).not.toThrow();
    expect(() => assertLiteralAllowed(new URL('https://8.8.8.8/x'), false)).not.toThrow();
    expect(() => assertLiteralAllowed(new URL('https://localhost/x'), false)).not.toThrow();
  });

  it('when the connect-time lookup resolves a name to a private address, then it answers an error instead of the address', async () => {
    const lookup = guardedLookup(false);
    const error = await new Promise<Error | null>((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(error?.message).toMatch(/refused: localhost resolves to/);
    const allowed = await new Promise<unknown>((resolve) =>
      guardedLookup(true)('localhost', {}, (_e, address) => resolve(address)),
    );
    expect(['127.0.0.1', '::1']).toContain(allowed);
  });

  it('when a host resolves to any private address, then it is refused; to public ones only, then they are answered', async () => {
    await expect(
      assertPublicAddress('https://hooks.example.org/x', false, resolvesTo('93.184.215.14', '10.0.0.7')),
    ).rejects.toThrow(/10\.0\.0\.7/);
    await expect(
      assertPublicAddress('https://hooks.example.org/x', false, resolvesTo('::ffff:127.0.0.1')),
    ).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(
      assertPublicAddress('https://hooks.example.org/x', false, resolvesTo('93.184.215.14', '2606:4700:4700::1111')),
    ).resolves.toHaveLength(2);
  });

  it('when the host does not resolve, then it is refused', async () => {
    await expect(assertPublicAddress('https://nowhere.invalid/x', false, noDns)).rejects.toThrow(/does not resolve/);
    await expect(assertPublicAddress('https://nowhere.invalid/x', false, resolvesTo())).rejects.toThrow(
      /does not resolve/,
    );
  });

  it('when private addresses are allowed, then nothing is refused', async () => {
    await expect(assertPublicAddress('http://10.0.0.1/x', true, noDns)).resolves.toHaveLength(1);
    await expect(assertPublicAddress('http://localhost/x', true, noDns)).resolves.toEqual([]);
  });

  it('when the URL is checked before storing, then https is required unless http is allowed, and credentials are refused', async () => {
    const strict = { allowPrivate: false, allowHttp: false };
    await expect(checkWebhookUrl('not a url', strict, noDns)).rejects.toThrow(/not a URL/);
    await expect(checkWebhookUrl('http://93.184.215.14/x', strict, noDns)).rejects.toThrow(/https/);
    await expect(
      checkWebhookUrl('ftp://93.184.215.14/x', { allowPrivate: false, allowHttp: true }, noDns),
    ).rejects.toThrow(/http or https/);
    await expect(
      checkWebhookUrl('http://93.184.215.14/x', { allowPrivate: false, allowHttp: true }, noDns),
    ).resolves.toBe('http://93.184.215.14/x');
    await expect(checkWebhookUrl('http://10.0.0.1/x', { allowPrivate: false, allowHttp: true }, noDns)).rejects.toThrow(
      /not a public address/,
    );
    await expect(checkWebhookUrl('https://user:pw@93.184.215.14/x', strict, noDns)).rejects.toThrow(
      /user name or password/,
    );
    await expect(checkWebhookUrl('https://93.184.215.14/x?a=1', strict, noDns)).resolves.toBe(
      'https://93.184.215.14/x?a=1',
    );
  });
});
