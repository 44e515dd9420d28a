import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../support/receiver.js';
import { BANK } from '../connections/support.js';
import { bearer, programWithHub, type HubProgram, type Json } from '../support.js';
import { connectedCustomer, runJob, startJourney, storeList, transactionHooks, type Journey } from './support.js';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('hub transaction routes: the customer lists, pushed, unaffected, association, recommendations', () => {
  let journey: Journey;
  let hub: HubProgram;
  let me: Awaited<ReturnType<typeof connectedCustomer>>;
  beforeAll(async () => {
    // The jobs run when the test says (POST /v1/admin/jobs/:jobName).
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
    });
    const { app, receiver, front } = journey;
    hub = await programWithHub(app, { externalId: 'mall-routes' });
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
      ['C-3', 'Elsewhere'],
      ['D-4', 'Another'],
    ]);
    await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['customer_transactions'] },
    });
    me = await connectedCustomer(app, hub, front, 'sandbox-ok+routes', '6');
    const synced = await runJob(app, 'bankSync', hub.hub.id as string);
    expect(synced.body.data).toMatchObject({ imported: 4, matched: 2 });
  });
  afterAll(() => journey.stop());

  const get = (path: string, headers: Record<string, string>) => journey.app.request('GET', path, { headers });
  const externalIds = (answer: { body: Json }) =>
    (answer.body.data as Json[]).map((t) => ((t.purchaseLocation ?? t) as Json).externalId);

  it("lists the customer's stores with and without transactions, and its transactions at stores", async () => {
    const mine = bearer(me.token);
    expect(externalIds(await get('/v1/hub/customer/stores?transaction=true', mine))).toEqual(['A-1', 'B-2']);
    expect(externalIds(await get('/v1/hub/customer/stores?transaction=false', mine))).toEqual(['D-4', 'C-3']);
    const all = await get('/v1/hub/customer/stores/transactions', mine);
    expect(externalIds(all)).toEqual(['A-1', 'B-2']);
    expect((all.body.data as Json[])[0]).toMatchObject({ amount: -10.53, customerId: me.customerId });
    // Newest purchase first: A (yesterday) before B (the day before), whatever order they were imported in.
    expect(externalIds(await get('/v1/hub/customer/stores/A-1/transactions', mine))).toEqual(['A-1']);
    expect(externalIds(await get(`/v1/hub/customer/stores/transactions?from=${day(-1)}`, mine))).toEqual(['A-1']);
    expect((await get(`/v1/hub/customer/stores/transactions?to=${day(0)}`, mine)).status).toBe(422);
    expect((await get('/v1/hub/customer/stores/NOPE/transactions', mine)).status).toBe(404);
    expect((await get('/v1/hub/customer/services/transactions', mine)).body.data).toEqual([]);
    expect((await get('/v1/hub/customer/stores', hub.program)).status).toBe(401);
  });

  it('associates an unaffected debit, pushes it with the matched ones, and lists exactly what was pushed', async () => {
    const { app, receiver } = journey;
    const unaffected = await get('/v1/hub/transactions/unaffected', hub.program);
    expect(unaffected.body.data).toEqual([
      expect.objectContaining({ label: 'CB UNKNOWN SHOP', amount: '-5.00', customerId: me.customerId }),
    ]);
    const id = (unaffected.body.data as Json[])[0]!.id as string;
    const path = `/v1/hub/transactions/${id}/association`;
    const associated = await app.request('PUT', path, { headers: hub.program, body: { storeId: 'C-3' } });
    expect(associated.status, JSON.stringify(associated.body)).toBe(200);
    expect(associated.body.data).toMatchObject({ id, amount: -5, purchaseLocation: { externalId: 'C-3' } });
    expect((await app.request('PUT', path, { headers: hub.program, body: { storeId: 'D-4' } })).status).toBe(422);

    const pushed = await runJob(app, 'transactionPush', hub.hub.id as string);
    expect(pushed.body.data).toMatchObject({ batches: 1, transactions: 3 });
    const hubId = hub.hub.id as string;
    await until(() => transactionHooks(receiver, hubId).length > 0);
    const sent = transactionHooks(receiver, hubId)[0]!.body.transactions as Json[];
    // A and B are imported side by side (either may come first in the log); C's association comes after both.
    const order = sent.map((t) => (t.purchaseLocation as Json).externalId);
    expect(order.slice(0, 2).sort()).toEqual(['A-1', 'B-2']);
    expect(order[2]).toBe('C-3');
    const listed = await get(`/v1/hub/transactions/pushed?startDate=${day(-1)}&endDate=${day(1)}`, hub.program);
    expect(listed.body.data).toEqual(sent);
    expect((await get(`/v1/hub/transactions/pushed?startDate=${day(-40)}&endDate=${day(1)}`, hub.program)).status).toBe(
      422,
    );
    expect((await app.request('DELETE', path, { headers: hub.program })).status).toBe(422);
    expect((await get('/v1/hub/transactions/unaffected', hub.program)).body.data).toEqual([]);
  });

  it('test-fires a generated customer_transactions to each subscription and says how the calls went', async () => {
    const { app, receiver } = journey;
    const before = receiver.received.length;
    const fired = await app.request('POST', '/v1/hub/test/customer-transactions', {
      headers: { ...hub.program, 'X-Request-Id': 'fire-1' },
      body: {
        minTransactions: 2,
        maxTransactions: 2,
        customersExternalIds: [me.externalId],
        purchaseLocationsExternalIds: ['A-1'],
      },
    });
    expect(fired.status, JSON.stringify(fired.body)).toBe(200);
    expect(fired.body.data).toEqual({ configuredEndpoints: 1, successCalls: 1, failedCalls: 0 });
    const body = JSON.parse(receiver.received[before]!.body.toString('utf8')) as Json;
    const sent = body.transactions as Json[];
    expect(sent).toHaveLength(2);
    for (const t of sent)
      expect(t).toMatchObject({
        customerId: me.customerId,
        customerExternalId: me.externalId,
        purchaseLocation: { externalId: 'A-1' },
      });
    const empty = await app.request('POST', '/v1/hub/test/customer-transactions', {
      headers: hub.program,
      body: { customersExternalIds: ['x'], purchaseLocationsExternalIds: [] },
    });
    expect(empty.status).toBe(422);
  });

  it('recommends the stores the customer has not been to, refuses unknown transactions, has no provider callbacks', async () => {
    const { app } = journey;
    const recommended = await app.request('POST', '/v1/hub/recommendations/stores', {
      headers: hub.program,
      body: { customerList: [me.customerId] },
    });
    expect(recommended.body.data).toEqual([
      { customerId: me.customerId, stores: [expect.objectContaining({ externalId: 'D-4', name: 'Another' })] },
    ]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await app.request('DELETE', `/v1/hub/transactions/${unknown}/association`, {
      headers: hub.program,
    });
    expect(missing.status).toBe(404);
    expect((await app.request('POST', '/v1/hub/providers/bank/powens/connection', { body: {} })).status).toBe(404);
    const inject = `/v1/hub/sandbox/bank-connections/${unknown}/transactions`;
    expect((await app.request('POST', inject, { headers: hub.program, body: { transactions: [] } })).status).toBe(404);
    const bad = await app.request('POST', `/v1/hub/sandbox/bank-connections/${me.connectionId}/transactions`, {
      headers: hub.program,
      body: { transactions: [{ label: 'X', amount: 'ten', purchaseDate: 'yesterday' }] },
    });
    expect(bad.status).toBe(422);
  });
});
