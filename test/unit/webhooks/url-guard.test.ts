import { describe, expect, it } from 'vitest';
import { assertPublicAddress, checkWebhookUrl, isNonPublicAddress, UnsafeWebhookUrlError, type Lookup } from '../../../src/platform/url-guard.js';

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
    'not-an-ip',
  ])('when the address is %s, then it is not public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2a00:1450:4007:80e::200e'])(
    'when the address is %s, then it is public',
    (address) => {
      expect(isNonPublicAddress(address)).toBe(false);
    },
  );

  it('when the URL is an IP literal, then it is checked without DNS, brackets and odd IPv4 forms included', async () => {
    await expect(assertPublicAddress('https://[::ffff:127.0.0.1]/x', false, noDns)).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(assertPublicAddress('https://[::1]:8443/x', false, noDns)).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(assertPublicAddress('https://2130706433/x', false, noDns)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(assertPublicAddress('https://0x7f.1/x', false, noDns)).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(assertPublicAddress('https://93.184.215.14/x', false, noDns)).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('when a host resolves to any private address, then it is refused; to public ones only, then they are answered', async () => {
    await expect(assertPublicAddress('https://hooks.example.org/x', false, resolvesTo('93.184.215.14', '10.0.0.7'))).rejects.toThrow(/10\.0\.0\.7/);
    await expect(assertPublicAddress('https://hooks.example.org/x', false, resolvesTo('::ffff:127.0.0.1'))).rejects.toThrow(UnsafeWebhookUrlError);
    await expect(assertPublicAddress('https://hooks.example.org/x', false, resolvesTo('93.184.215.14', '2606:4700:4700::1111'))).resolves.toHaveLength(2);
  });

  it('when the host does not resolve, then it is refused', async () => {
    await expect(assertPublicAddress('https://nowhere.invalid/x', false, noDns)).rejects.toThrow(/does not resolve/);
    await expect(assertPublicAddress('https://nowhere.invalid/x', false, resolvesTo())).rejects.toThrow(/does not resolve/);
  });

  it('when private addresses are allowed, then nothing is refused', async () => {
    await expect(assertPublicAddress('http://10.0.0.1/x', true, noDns)).resolves.toHaveLength(1);
    await expect(assertPublicAddress('http://localhost/x', true, noDns)).resolves.toEqual([]);
  });

  it('when the URL is checked before storing, then https is required unless http is allowed, and credentials are refused', async () => {
    const strict = { allowPrivate: false, allowHttp: false };
    await expect(checkWebhookUrl('not a url', strict, noDns)).rejects.toThrow(/not a URL/);
    await expect(checkWebhookUrl('http://93.184.215.14/x', strict, noDns)).rejects.toThrow(/https/);
    await expect(checkWebhookUrl('ftp://93.184.215.14/x', { allowPrivate: false, allowHttp: true }, noDns)).rejects.toThrow(/http or https/);
    await expect(checkWebhookUrl('http://93.184.215.14/x', { allowPrivate: false, allowHttp: true }, noDns)).resolves.toBe('http://93.184.215.14/x');
    await expect(checkWebhookUrl('http://10.0.0.1/x', { allowPrivate: false, allowHttp: true }, noDns)).rejects.toThrow(/not a public address/);
    await expect(checkWebhookUrl('https://user:pw@93.184.215.14/x', strict, noDns)).rejects.toThrow(/user name or password/);
    await expect(checkWebhookUrl('https://93.184.215.14/x?a=1', strict, noDns)).resolves.toBe('https://93.184.215.14/x?a=1');
  });
});
