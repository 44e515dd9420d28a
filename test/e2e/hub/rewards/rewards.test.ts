import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { BANK, type BankFront } from '../connections/support.js';
import { bearer, programWithHub, type HubProgram, type Json } from '../support.js';
import { connectedCustomer, runJob, startJourney, storeList, type Journey } from '../transactions/support.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The first value `read` gives that is not undefined, read again until it comes (20 s at most). */
async function found<T>(read: () => Promise<T | undefined> | T | undefined): Promise<T> {
  let value: T | undefined;
  await until(async () => (value = await read()) !== undefined, 20_000);
  return value!;
}

/**
 * The bodies the receiver got for this hub and event, in the order of their Webhook-Sequence (the log's): the
 * deliveries of events appended in one write (the engine writes a page at a time) may arrive in any order.
 */
const hooks = (receiver: Receiver, hubId: string, event: string) =>
  receiver.received
    .map((r) => ({ delivery: r, body: JSON.parse(r.body.toString('utf8')) as Json }))
    .filter(({ body }) => body.event === event && body.shoppingHubId === hubId)
    .sort((a, b) => Number(a.delivery.headers['webhook-sequence']) - Number(b.delivery.headers['webhook-sequence']));

describe('hub offers → rewards → points over HTTP (flow 3)', () => {
  let journey: Journey;
  let app: TestApp;
  let receiver: Receiver;
  let front: BankFront;
  let publicKeyPem: string;
  beforeAll(async () => {
    journey = await startJourney({ HUB_STORE_LISTS_EVERY_MS: '3600000', HUB_BANK_SYNC_EVERY_MS: '3600000' });
    ({ app, receiver, front } = journey);
    publicKeyPem = await publishedKey(app.baseUrl);
  });
  afterAll(() => journey.stop());

  /** A customer at sandbox-ok whose first sync (Store A −10.53 on D−1, Store B −24.17 on D−2) runs at once. */
  async function syncedCustomer(hub: HubProgram, login: string, lead: string) {
    const me = await connectedCustomer(app, hub, front, login, lead);
    const synced = await runJob(app, 'bankSync', hub.hub.id as string);
    expect(synced.body.data).toMatchObject({ matched: 2 });
    return me;
  }

  async function hubWithStores(hubFields: Json, externalId: string) {
    const hub = await programWithHub(app, { externalId, ...hubFields });
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
    ]);
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['offer_updated', 'reward_updated'] },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    return { hub, hubId: hub.hub.id as string, secret: String((hook.body.data as Json).secret) };
  }

  const createOffer = async (hub: HubProgram, body: Json) => {
    const created = await app.request('POST', '/v1/hub/offers', { headers: hub.program, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.data as Json;
  };

  it('an SPND+AMNT offer goes started → pending → completed over the synced and injected purchases', async () => {
    const { hub, hubId, secret } = await hubWithStores({}, 'mall-rw1');
    const offer = await createOffer(hub, {
      name: 'Spend 40',
      offerType: 'frequency',
      conditionType: 'SPND',
      conditionValueType: 'AMNT',
      conditionValue: '40.00',
      rewardType: 'LTRY',
      rewardValue: '5.00',
      rewardLabel: '5 €',
    });
    expect(offer).toMatchObject({ conditionValue: '40.00', rewardValue: '5.00', active: true });
    await until(() => hooks(receiver, hubId, 'offer_updated').length > 0);
    const [createdHook] = hooks(receiver, hubId, 'offer_updated');
    expect(createdHook!.body.offer).toMatchObject({
      id: offer.id,
      status: 'created',
      active: true,
      conditionValue: '40.00',
    });
    expect(verifyDelivery(createdHook!.delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });

    // sandbox-ok's first sync: Store A −10.53 (D−1) and Store B −24.17 (D−2): started, then pending (34.70).
    const me = await syncedCustomer(hub, 'sandbox-ok+rw1', '6');
    await until(() => hooks(receiver, hubId, 'reward_updated').length >= 2, 20_000);
    const injected = await app.request(
      'POST',
      `/v1/hub/sandbox/bank-connections/${me.connectionId}/transactions?sync=now`,
      {
        headers: hub.program,
        body: { transactions: [{ label: 'CB Sandbox Store A', amount: '-12.50', purchaseDate: today() }] },
      },
    );
    expect(injected.status, JSON.stringify(injected.body)).toBe(200);
    await until(() => hooks(receiver, hubId, 'reward_updated').length >= 3, 20_000);
    const rewardHooks = hooks(receiver, hubId, 'reward_updated');
    expect(rewardHooks.map((h) => (h.body.reward as Json).status)).toEqual(['started', 'pending', 'completed']);
    expect(rewardHooks[2]!.body).toMatchObject({
      customer: { id: me.customerId, externalId: me.externalId },
      reward: { offerId: offer.id },
      offer: { id: offer.id, conditionValue: '40.00' },
    });
    for (const h of rewardHooks)
      expect(verifyDelivery(h.delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });

    const mine = await found(async () => {
      const answer = await app.request('GET', '/v1/hub/customer/rewards', { headers: bearer(me.token) });
      return (answer.body.data as Json[])[0]?.status === 'completed' ? answer : undefined;
    });
    expect((mine.body.data as Json[])[0]).toMatchObject({
      status: 'completed',
      offerId: offer.id,
      progress: { value: '47.20', target: '40.00' },
      offer: { id: offer.id },
    });
    const programView = await app.request('GET', `/v1/hub/customers/${me.customerId}/rewards`, {
      headers: hub.program,
    });
    expect(programView.status).toBe(200);
    expect((programView.body.data as Json[]).map((r) => r.status)).toEqual(['completed']);
    const other = await programWithHub(app, { externalId: 'mall-rw1-other' });
    const hidden = await app.request('GET', `/v1/hub/customers/${me.customerId}/rewards`, { headers: other.program });
    expect(hidden.status).toBe(404);
  });

  it('a POINTS hub earns points on each matched purchase and the program spends them, never past the balance', async () => {
    const { hub } = await hubWithStores({ rewardType: 'POINTS', pointsPerCurrencyUnit: 1 }, 'mall-rw2');
    const me = await syncedCustomer(hub, 'sandbox-ok+rw2', '5');
    // 10.53 → 10 points, 24.17 → 24 points.
    const points = await found(async () => {
      const answer = await app.request('GET', '/v1/hub/customer/points', { headers: bearer(me.token) });
      return (answer.body.data as Json).balance === 34 ? answer : undefined;
    });
    expect(((points.body.data as Json).history as Json[]).map((e) => [e.operationType, e.value]).sort()).toEqual([
      ['earned', 10],
      ['earned', 24],
    ]);
    const spend = (value: unknown) =>
      app.request('POST', `/v1/hub/customers/${me.customerId}/points/spend`, { headers: hub.program, body: { value } });
    const spent = await spend(30);
    expect(spent.status, JSON.stringify(spent.body)).toBe(201);
    expect(spent.body.data).toMatchObject({ value: 30, operationType: 'spent' });
    const tooMuch = await spend(5);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ error_name: 'operation_refused' });
    expect((await spend(-1)).status).toBe(422);
    expect((await spend(1.5)).status).toBe(422);
    const after = await app.request('GET', '/v1/hub/customer/points', { headers: bearer(me.token) });
    expect((after.body.data as Json).balance).toBe(4);
    const profile = await app.request('GET', '/v1/hub/customer', { headers: bearer(me.token) });
    expect((profile.body.data as Json).pointsBalance).toBe(4);
  });

  it('a capped offer sends offer_updated with active: false', async () => {
    const { hub, hubId, secret } = await hubWithStores({}, 'mall-rw3');
    const offer = await createOffer(hub, {
      name: 'First buyer only',
      offerType: 'frequency',
      conditionValue: '1.00',
      rewardType: 'GIFT_CARD',
      rewardValue: '5.00',
      cappingType: 'count',
      cappingLimit: 1,
    });
    await syncedCustomer(hub, 'sandbox-ok+rw3', '4');
    const capped = await found(() =>
      hooks(receiver, hubId, 'offer_updated').find((h) => (h.body.offer as Json).active === false),
    );
    expect(capped.body.offer).toMatchObject({ id: offer.id, status: 'updated', active: false });
    expect(verifyDelivery(capped.delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });
    // The webhook can arrive before the offers read model has applied the cap: read until it has.
    const shown = await found(async () => {
      const answer = await app.request('GET', `/v1/hub/offers/${String(offer.id)}`, { headers: hub.key });
      return (answer.body.data as Json).active === false ? answer : undefined;
    });
    expect(shown.body.data).toMatchObject({ active: false, capped: true });
    // One completion only: the second purchase of sandbox-ok counts nothing.
    const completions = () =>
      hooks(receiver, hubId, 'reward_updated').filter((h) => (h.body.reward as Json).status === 'completed');
    await found(() => (completions().length > 0 ? true : undefined));
    expect(completions()).toHaveLength(1);
  });

  it('offers: list current, detail, If-Match, field rules, deactivation, stores linked, another program 404', async () => {
    const { hub } = await hubWithStores({}, 'mall-rw4');
    const offer = await createOffer(hub, {
      name: 'December',
      offerType: 'frequency',
      startDate: '2020-01-01',
      endDate: '2099-12-31',
      stores: { related: ['A-1'] },
    });
    const id = String(offer.id);
    const current = await app.request('GET', '/v1/hub/offers?current=true', { headers: hub.key });
    expect((current.body.data as Json[]).map((o) => o.id)).toEqual([id]);
    const stale = await app.request('PATCH', `/v1/hub/offers/${id}`, {
      headers: { ...hub.program, 'If-Match': '"7"' },
      body: { name: 'Other' },
    });
    expect(stale.status).toBe(412);
    const patched = await app.request('PATCH', `/v1/hub/offers/${id}`, {
      headers: { ...hub.program, 'If-Match': '"0"' },
      body: { name: 'December bis', storeChanges: { added: ['B-2'], removed: ['A-1'] } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ data: { name: 'December bis', stores: { related: ['B-2'] } }, version: 1 });
    const bad = await app.request('POST', '/v1/hub/offers', {
      headers: hub.program,
      body: { name: 'x', offerType: 'bogus', rewardType: 'CASH', startDate: '2026-02-01', endDate: '2026-01-01' },
    });
    expect(bad.status).toBe(422);
    const fields = (bad.body.details as Json[]).map((d) => d.field).sort();
    expect(fields).toEqual(['offerType', 'rewardType']);
    const backwards = await app.request('POST', '/v1/hub/offers', {
      headers: hub.program,
      body: { name: 'x', offerType: 'frequency', startDate: '2026-02-01', endDate: '2026-01-01' },
    });
    expect(backwards.status).toBe(422);
    expect((backwards.body.details as Json[]).map((d) => d.field)).toEqual(['startDate']);
    const stores = await app.request('GET', `/v1/hub/offers/${id}/stores`, { headers: hub.program });
    expect((stores.body.data as Json[]).map((s) => [s.externalId, s.linked]).sort()).toEqual([
      ['A-1', false],
      ['B-2', true],
    ]);
    const other = await programWithHub(app, { externalId: 'mall-rw4-other' });
    expect((await app.request('GET', `/v1/hub/offers/${id}`, { headers: other.key })).status).toBe(404);
    expect((await app.request('DELETE', `/v1/hub/offers/${id}`, { headers: other.program })).status).toBe(404);
    expect((await app.request('DELETE', `/v1/hub/offers/${id}`, { headers: hub.program })).status).toBe(204);
    const gone = await app.request('GET', `/v1/hub/offers/${id}`, { headers: hub.key });
    expect(gone.body.data).toMatchObject({ active: false });
    const none = await app.request('GET', '/v1/hub/offers?current=true', { headers: hub.key });
    expect(none.body.data).toEqual([]);
  });
});
