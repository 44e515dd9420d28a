import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../../src/platform/verified-tokens.js';

describe('the tokens verified lately', () => {
  const setup = () => {
    let now = 1_000_000_000_000;
    const tokens = new VerifiedTokens<{ sub: string; exp?: number }>(() => now);
    let checks = 0;
    const check =
      (exp: number | undefined, fails = false) =>
      () => {
        checks++;
        if (fails) return Promise.reject(new Error('bad signature'));
        return Promise.resolve({ sub: 'c1', ...(exp === undefined ? {} : { exp }) });
      };
    return { tokens, check, checks: () => checks, advance: (ms: number) => (now += ms), nowS: () => now / 1000 };
  };

  it('when the same token comes again for the same audience, then its signature is not checked again', async () => {
    const { tokens, check, checks, nowS } = setup();
    const exp = nowS() + 3600;
    await tokens.verify('t1', 'aud', check(exp));
    expect(await tokens.verify('t1', 'aud', check(exp))).toEqual({ sub: 'c1', exp });
    await tokens.verify('t1', 'other audience', check(exp));
    expect(checks()).toBe(2);
  });

  it('when its exp has passed, or a minute went by, then it is checked again', async () => {
    const { tokens, check, checks, advance, nowS } = setup();
    await tokens.verify('short', 'aud', check(nowS() + 10));
    advance(16_000); // past exp and its 5 s of tolerance
    await tokens.verify('short', 'aud', check(nowS() + 10));
    await tokens.verify('long', 'aud', check(nowS() + 3600));
    advance(61_000);
    await tokens.verify('long', 'aud', check(nowS() + 3600));
    expect(checks()).toBe(4);
  });

  it('when a check fails, then nothing is kept and the next try checks again', async () => {
    const { tokens, check, checks, nowS } = setup();
    await expect(tokens.verify('forged', 'aud', check(nowS() + 60, true))).rejects.toThrow('bad signature');
    await expect(tokens.verify('forged', 'aud', check(nowS() + 60, true))).rejects.toThrow('bad signature');
    await tokens.verify('no-exp', 'aud', check(undefined));
    await tokens.verify('no-exp', 'aud', check(undefined));
    expect(checks()).toBe(4);
  });
});
