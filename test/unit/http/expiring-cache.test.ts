import { describe, expect, it } from 'vitest';
import { ExpiringCache } from '../../../src/http/conventions/expiring-cache.js';

describe('ExpiringCache', () => {
  const loader = () => {
    let calls = 0;
    return { load: (value: string | undefined) => () => Promise.resolve((calls++, value)), calls: () => calls };
  };

  it('when a credential was found, then it is answered from memory until it expires', async () => {
    let now = 0;
    const cache = new ExpiringCache<string>(1000, 10, () => now);
    const l = loader();
    expect(await cache.get('k', l.load('program-1'))).toBe('program-1');
    now = 999;
    expect(await cache.get('k', l.load('other'))).toBe('program-1');
    expect(l.calls()).toBe(1);
    now = 1000;
    expect(await cache.get('k', l.load('program-2'))).toBe('program-2');
    expect(l.calls()).toBe(2);
  });

  it('when a credential is unknown, then it is asked again next time (misses are not kept)', async () => {
    const cache = new ExpiringCache<string>();
    const l = loader();
    expect(await cache.get('wrong', l.load(undefined))).toBeUndefined();
    expect(await cache.get('wrong', l.load(undefined))).toBeUndefined();
    expect(l.calls()).toBe(2);
  });

  it('when full, then the oldest entry goes first', async () => {
    const cache = new ExpiringCache<string>(60_000, 2);
    const l = loader();
    await cache.get('a', l.load('A'));
    await cache.get('b', l.load('B'));
    await cache.get('c', l.load('C'));
    expect(await cache.get('b', l.load('B2'))).toBe('B');
    expect(await cache.get('a', l.load('A2'))).toBe('A2');
  });
});
