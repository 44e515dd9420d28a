import { describe, expect, it } from 'vitest';
import { SEALED, sealed } from '../../../src/http/replay/sealing.js';

describe('what a replay shows of an event', () => {
  it('when a field is named like a credential, a token, a digest or sealed data, then its value is sealed', () => {
    const data = {
      memberId: 'm1',
      passwordHash: 'scrypt$16384$abc',
      apiSecretDigest: 'f'.repeat(64),
      paymentToken: 'pm_card_visa',
      recaptchaSecretSealed: 'anything',
      profile: { email: 'zaz@example.org', resetTokenDigest: 'd' },
      claimCode: 'CODE-1',
      personal: 'sealed under the customer key',
    };
    expect(sealed(data)).toEqual({
      memberId: 'm1',
      passwordHash: SEALED,
      apiSecretDigest: SEALED,
      paymentToken: SEALED,
      recaptchaSecretSealed: SEALED,
      profile: { email: 'zaz@example.org', resetTokenDigest: SEALED },
      claimCode: SEALED,
      personal: SEALED,
    });
  });

  it('when a value is sealed by the platform, then it is sealed whatever the field is called', () => {
    const box = 'v1.k1.aXY.dGFn.Y2lwaGVy';
    expect(sealed({ note: box, list: [box, 'plain'] })).toEqual({ note: SEALED, list: [SEALED, 'plain'] });
  });

  it('when a secret field is null, then it stays null (no card reads as none), and other values pass as they are', () => {
    expect(sealed({ paymentToken: null, amount: 1250, active: true, tags: ['a'] })).toEqual({
      paymentToken: null,
      amount: 1250,
      active: true,
      tags: ['a'],
    });
  });
});
