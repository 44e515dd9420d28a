import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { programWithHub, type HubProgram, type Json } from '../support.js';

/* Hostile offer and spend bodies: never a 5xx, and a refusal appends nothing. */

const anything = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    '12.00',
    '12.345',
    '-1',
    '1e309',
    'NaN',
    '2026-02-30',
    '2026-12-01T10:00:00+01:00',
    '\u202e',
  ),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
const money = fc.constantFrom('0', '5.00', '12.5', 80, 1000000000, '999999999.99');
const date = fc.constantFrom('2026-12-01', '2026-01-01', '2027-01-01T00:00:00Z', '2026-13-01');

const offerBody = fc.record(
  {
    name: maybe(fc.string({ maxLength: 210 })),
    offerType: maybe(fc.constantFrom('referral', 'welcome', 'average', 'frequency', 'weekly')),
    teaser: maybe(fc.string({ maxLength: 20 })),
    startDate: maybe(date),
    endDate: maybe(date),
    rewardType: maybe(fc.constantFrom('LTRY', 'RFND', 'GIFT_CARD', 'CASH')),
    rewardValue: maybe(money),
    rewardCumulatedLimit: maybe(money),
    conditionType: maybe(fc.constantFrom('CREA', 'LTRY', 'RFRL', 'SPND', 'XXXX')),
    conditionValue: maybe(money),
    conditionValueType: maybe(fc.constantFrom('AMNT', 'NMBR', 'PCT')),
    cappingLimit: maybe(money),
    cappingType: maybe(fc.constantFrom('amount', 'count', 'both')),
    stores: maybe(
      fc.oneof(fc.record({ related: fc.array(fc.string(), { maxLength: 2 }) }), fc.record({ unrelated: anything })),
    ),
    occurrenceLimit: maybe(fc.integer({ min: -2, max: 5 })),
    multipleOccurenceByDay: maybe(fc.boolean()),
    active: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);
const spendBody = fc.oneof(
  fc.record({ value: maybe(fc.integer({ min: -5, max: 100 })), operationDate: maybe(date) }, { requiredKeys: [] }),
  anything,
);

describe('fuzzed offer and spend bodies over HTTP', () => {
  let app: TestApp;
  let hub: HubProgram;
  let offerId: string;
  beforeAll(async () => {
    app = await startTestApp({ HUB_STORE_LISTS_EVERY_MS: '3600000' });
    hub = await programWithHub(app, { externalId: 'mall-fuzz' });
    const created = await app.request('POST', '/v1/hub/offers', {
      headers: hub.program,
      body: { name: 'Base', offerType: 'frequency' },
    });
    offerId = String((created.body.data as Json).id);
  });
  afterAll(() => app.stop());

  const events = async () =>
    Number((await app.knex('gs_events').count<Array<{ count: string }>>({ count: '*' }))[0]?.count);

  const refusalAppendsNothing = async (method: string, path: string, body: unknown) => {
    const before = await events();
    const answer = await app.request(method, path, { headers: hub.program, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    if (answer.status >= 400) {
      expect(answer.body.error_name).toEqual(expect.any(String));
      expect(await events()).toBe(before);
    }
    return answer.status;
  };

  it('offers, created and patched: never 5xx; a refused body appends nothing', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(offerBody, fc.boolean(), async (body, patch) => {
        const status = patch
          ? await refusalAppendsNothing('PATCH', `/v1/hub/offers/${offerId}`, body)
          : await refusalAppendsNothing('POST', '/v1/hub/offers', body);
        statuses.add(status);
      }),
      { numRuns: 100 },
    );
    expect(statuses).toContain(422);
  }, 240_000);

  it('points spends: never 5xx; a refused spend appends nothing', async () => {
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber: '612340987', countryCode: 33 },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const someone = String((registered.body.data as Json).customerId ?? (registered.body.data as Json).id);
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(spendBody, async (body) => {
        statuses.add(await refusalAppendsNothing('POST', `/v1/hub/customers/${someone}/points/spend`, body));
      }),
      { numRuns: 40 },
    );
    // A customer without points: every spend is refused (a body that is not an object 400, a bad field or a spend
    // past the balance 422).
    expect([...statuses].every((s) => s === 400 || s === 422)).toBe(true);
    expect(statuses).toContain(422);
  }, 120_000);
});
