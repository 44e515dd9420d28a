import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SEALED, sealed, sealedJson } from '../../../src/http/replay/sealing.js';
import type { JsonValue } from '../../../src/platform/eventstore/types.js';

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

describe('what a replay shows of an event stored as JSON text', () => {
  it('when nothing in the text is sealed, then the text passes as stored, byte for byte', () => {
    const text = '{"amount": 300, "memberId": "m1", "note": "spring", "tags": ["a", "b"]}';
    expect(sealedJson(text)).toBe(text);
  });

  it('when a name or a value is sealed, then the text is parsed, sealed and printed again', () => {
    expect(JSON.parse(sealedJson('{"m": "m1", "profile": {"passwordHash": "scrypt$x"}}'))).toEqual({
      m: 'm1',
      profile: { passwordHash: SEALED },
    });
    expect(JSON.parse(sealedJson('{"note": "v1.k1.aXY.dGFn.Y2lwaGVy"}'))).toEqual({ note: SEALED });
  });

  it('for any JSON value, then the text path shows what the parsed path shows', () => {
    const key = fc.string().filter((k) => k !== '__proto__');
    const names = fc.constantFrom('id', 'amount', 'passwordHash', 'token', 'note', 'personal', 'secretDigest', 'v1');
    const values = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.constantFrom('v1.k1.aXY.dGFn.Y2lwaGVy', 'v1.', 'password'),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(names, key), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(names, key), values, { maxKeys: 5 }), (data) => {
        const text = JSON.stringify(data);
        expect(JSON.parse(sealedJson(text))).toEqual(sealed(data as JsonValue));
      }),
    );
  });
});
