import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { CODE } from '../connections/support.js';
import { programWithHub, type HubProgram, type Json } from '../support.js';
import { customerOf, GOOD_IBAN, REFUSED_IBAN } from './support.js';

/* Hostile cashback and favorite-account bodies: never a 5xx, and a refused request stores no cashback. */

const anything = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', '12.50', '-1', '0', '0.001', '1e309', 'NaN', 'EUR', 'eur', 'EURO', '\u202e', '𝕏'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
const iban = fc.constantFrom(GOOD_IBAN, REFUSED_IBAN, 'FR1420041010050500013M02607', 'GB82WEST12345698765432', 'XX');

describe('fuzzed cashback bodies over HTTP', () => {
  let app: TestApp;
  let hub: HubProgram;
  let me: Awaited<ReturnType<typeof customerOf>>;
  beforeAll(async () => {
    app = await startTestApp({ SMS_SANDBOX_CODE: CODE });
    hub = await programWithHub(app);
    me = await customerOf(app, hub, '6');
  });
  afterAll(() => app.stop());

  const item = () =>
    fc.record(
      {
        customerId: maybe(fc.constantFrom(me.customerId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid')),
        customerExternalId: maybe(fc.constantFrom(me.externalId, 'nobody')),
        externalId: maybe(fc.string({ minLength: 1, maxLength: 120 })),
        ownerInfo: maybe(
          fc.record(
            { firstName: maybe(fc.string()), lastName: maybe(fc.string()), address: maybe(fc.string()) },
            { requiredKeys: [] },
          ),
        ),
        transferInfo: maybe(
          fc.record(
            {
              amount: maybe(fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.constantFrom('1.5', '12.345', ' 3 '))),
              currency: maybe(fc.constantFrom('EUR', 'GBP', 'eur')),
              label: maybe(fc.string({ maxLength: 160 })),
              iban: maybe(iban),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: [] },
    );

  it('postCashback and postCashbackList never answer 5xx, and what is refused stores nothing', async () => {
    const stored = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          item().map((body) => ['/v1/hub/cashbacks', body] as const),
          fc
            .oneof(fc.record({ cashbacks: fc.array(item(), { maxLength: 4 }) }), anything)
            .map((body) => ['/v1/hub/cashbacks/list', body] as const),
        ),
        async ([path, body]) => {
          const answer = await app.request('POST', path, { headers: hub.program, body });
          expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
          if (answer.status === 201) {
            const data = answer.body.data as Json | Json[];
            for (const created of Array.isArray(data) ? data : [data]) stored.add(String(created.id));
          }
        },
      ),
      { numRuns: 60 },
    );
    const mine = await app.request('GET', '/v1/hub/customer/cashbacks?per_page=100', { headers: me.headers });
    expect(new Set((mine.body.data as Json[]).map((c) => String(c.id)))).toEqual(stored);
  });

  it('postFavoriteAccount never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record(
            {
              iban: maybe(iban),
              sortCode: maybe(fc.constantFrom('123456', '12-34-56', '12345', 'abcdef')),
              accountNumber: maybe(fc.constantFrom('12345678', '00000000', '1234567')),
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
        async (body) => {
          const answer = await app.request('PUT', '/v1/hub/customer/favorite-account', { headers: me.headers, body });
          expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
          // A well-formed body with a bad checksum is refused by ibantools, with the seed's code.
          if (JSON.stringify(body) === JSON.stringify({ iban: 'FR1420041010050500013M02607' }))
            expect((answer.body.details as Json[])[0]).toMatchObject({ field: 'iban', code: 'invalidIban' });
        },
      ),
      { numRuns: 40 },
    );
  });
});
