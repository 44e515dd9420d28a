import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK, freshPhone } from '../connections/support.js';
import { programWithHub, type HubProgram, type Json } from '../support.js';
import { connectedCustomer, runJob, startJourney, storeList, type Journey } from './support.js';

/* getCustomerRecommendations: 3 retailers per customer by external id, personal or the hub's top 3, filtered. */

describe('POST /v1/hub/recommendations/customers (admin_api/getCustomerRecommendations)', () => {
  let journey: Journey;
  let hub: HubProgram;
  let first: Awaited<ReturnType<typeof connectedCustomer>>;
  let second: Awaited<ReturnType<typeof connectedCustomer>>;
  const newcomer = `ext-new-${freshPhone('4')}`;
  beforeAll(async () => {
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
    });
    const { app, front } = journey;
    hub = await programWithHub(app, { externalId: 'mall-recommend' });
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
      ['C-3', 'Elsewhere'],
      ['D-4', 'Another'],
      ['E-5', 'Further'],
    ]);
    first = await connectedCustomer(app, hub, front, 'sandbox-ok+rec1', '3');
    second = await connectedCustomer(app, hub, front, 'sandbox-ok+rec2', '3');
    // Registered, never connected: no purchase, not subscribed.
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber: freshPhone('4'), countryCode: 33, customerExternalId: newcomer },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const synced = await runJob(app, 'bankSync', hub.hub.id as string);
    expect(synced.body.data).toMatchObject({ imported: 8, matched: 4 });
  });
  afterAll(() => journey.stop());

  const recommend = (body: unknown, headers = hub.program) =>
    journey.app.request('POST', '/v1/hub/recommendations/customers', { headers, body });
  const byCustomer = (answer: { body: Json }): Record<string, Json> =>
    Object.fromEntries((answer.body.data as Json[]).map((r) => [String(r.customerExternalId), r]));

  it('gives each customer the retailers they have not bought at, most frequented first; the top 3 without history', async () => {
    const answer = await recommend({ customers: [first.externalId, newcomer, 'nobody-here'] });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    // A-1 and B-2 were bought at twice each (both customers), the others never: ties go by externalId.
    expect(byCustomer(answer)).toEqual({
      [first.externalId]: { customerExternalId: first.externalId, retailers: ['C-3', 'D-4', 'E-5'], personal: true },
      [newcomer]: { customerExternalId: newcomer, retailers: ['A-1', 'B-2', 'C-3'], personal: false },
    });
  });

  it('filters by registration, data retrieval method and synchronisation; no list means every customer kept', async () => {
    const keys = async (body: Json) => Object.keys(byCustomer(await recommend(body))).sort();
    const connected = [first.externalId, second.externalId].sort();
    expect(await keys({ registered: true })).toEqual(connected);
    expect(await keys({ registered: false })).toEqual([newcomer]);
    expect(await keys({ dataRetrievalMethod: 'paymentCard' })).toEqual(connected);
    expect(await keys({ dataRetrievalMethod: 'scan' })).toEqual([]);
    expect(await keys({ status: 'synchronized' })).toEqual(connected);
    expect(await keys({ status: 'desynchronized' })).toEqual([]);
    expect(await keys({})).toEqual([...connected, newcomer].sort());
    expect(await keys({ customers: [second.externalId], registered: false })).toEqual([]);
  });

  it("never names another hub's customers, and refuses customers' tokens and bad bodies", async () => {
    const other = await programWithHub(journey.app, { externalId: 'mall-recommend-other' });
    const elsewhere = await recommend({ customers: [first.externalId, newcomer] }, other.program);
    expect([elsewhere.status, elsewhere.body.data]).toEqual([200, []]);
    expect((await recommend({}, { Authorization: `Bearer ${first.token}` })).status).toBe(403);
    expect((await recommend({}, {})).status).toBe(401);
    const bad = await recommend({ customers: 'x', status: 'lost', registered: 'yes', extra: 1 });
    expect(bad.status).toBe(422);
    expect((bad.body.details as Json[]).map((d) => d.field).sort()).toEqual(
      expect.arrayContaining(['customers', 'status', 'registered']),
    );
  });

  it('answers hostile bodies with 200 or 4xx, never a 5xx', async () => {
    const anything = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
    );
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
    const body = fc.oneof(
      anything,
      fc.record(
        {
          customers: maybe(fc.array(fc.oneof(fc.string(), fc.constant(first.externalId)), { maxLength: 5 })),
          dataRetrievalMethod: maybe(fc.constantFrom('paymentCard', 'scan', 'fax')),
          status: maybe(fc.constantFrom('synchronized', 'desynchronized', 'soonDesynchronized')),
          registered: maybe(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const answer = await recommend(b);
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
        if (answer.status === 200) expect(Array.isArray(answer.body.data)).toBe(true);
        else expect(answer.body.error_name).toBeDefined();
      }),
      { numRuns: 60 },
    );
  });
});
