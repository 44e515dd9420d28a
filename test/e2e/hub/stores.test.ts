import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERSEDED_DETAIL } from '../../../src/domain/hub/stores/store-list.js';
import { HUB_STORES_PROJECTION } from '../../../src/projections/hub/stores/projection.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';
import { pemOf, rsaKeys, signed } from '../../support/auth-fixture.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../support/webhook-signature.js';
import { bearer, programWithHub, signInByCode, type HubProgram, type Json } from './support.js';

const CODE = '654321';
const store = (externalId: string, name: string, extra: Json = {}) => ({
  externalId,
  name,
  city: 'Bordeaux',
  ...extra,
});

describe('hub store lists and stores (seed 004, flow 6)', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    // The worker ticks only when a test says so, so a list can wait pending and be superseded.
    app = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      SMS_SANDBOX_CODE: CODE,
    });
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  // The list's outcome and its stores are two read models: a test reads the stores once theirs holds the tick too.
  const integrate = async () => {
    const ticked = await app.running.workers.get('hub-store-lists')!.tick(new Date());
    const head = await app.running.infra.store.headPosition();
    expect(await app.running.runner.waitFor(head, [HUB_STORES_PROJECTION], 10_000)).toBe(true);
    return ticked;
  };
  const postList = async (hub: HubProgram, path: string, stores: Json[]) => {
    const answer = await app.request('POST', path, { headers: hub.program, body: { stores } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
    return (answer.body.data as { requestId: string }).requestId;
  };
  const statusOf = async (hub: HubProgram, requestId: string) =>
    (await app.request('GET', `/v1/hub/store-lists/${requestId}`, { headers: hub.program })).body.data as Json;
  /* The worker's outcome reaches the read model after its webhook may have: wait for it, as a client polling would. */
  const decidedStatusOf = (hub: HubProgram, requestId: string) =>
    eventually(
      () => statusOf(hub, requestId),
      (status) => status.result !== 'pending',
      10_000,
    );
  const storesAs = async (headers: Record<string, string>) => {
    const answer = await app.request('GET', '/v1/hub/stores?per_page=100', { headers });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data as Json[];
  };
  const subscribe = async (hub: HubProgram) => {
    const created = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['store_list_updated'] },
    });
    expect(created.status).toBe(201);
    return String((created.body.data as Json).secret);
  };
  const hooksOf = (requestId: string) =>
    receiver.received.filter((r) => (JSON.parse(r.body.toString('utf8')) as Json).requestId === requestId);
  const hookOf = async (requestId: string) => {
    await until(() => hooksOf(requestId).length > 0);
    return JSON.parse(hooksOf(requestId)[0]!.body.toString('utf8')) as Json;
  };

  it('a signed v1 list, then v2, then two lists of which the older is superseded: each store_list_updated signed', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-6' });
    const secret = await subscribe(hub);
    const keys = rsaKeys();
    const keyPut = await app.request('PUT', '/v1/program/signing-key', {
      headers: hub.program,
      body: { public_key: pemOf(keys.publicKey) },
    });
    expect(keyPut.status).toBe(200);
    const ids = { shoppingHubId: hub.hub.id, shoppingHubExternalId: 'mall-6' };

    // v1, signed as seed 004 signs (RSA over Expires-at|METHOD|url|body|).
    const v1Body = JSON.stringify({
      stores: [store('A', 'Sandbox Store A'), store('B', 'Sandbox Store B'), store('S', 'Valet', { type: 'service' })],
    });
    const url = `${app.baseUrl}/v1/hub/store-lists`;
    const v1Answer = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...signed(hub.apiKey, keys.privateKey, 'POST', url, v1Body) },
      body: v1Body,
    });
    expect(v1Answer.status).toBe(202);
    const v1 = ((await v1Answer.json()) as { data: { requestId: string } }).data.requestId;
    expect(await statusOf(hub, v1)).toMatchObject({ result: 'pending', resultDetail: null });
    expect(await integrate()).toBe(1);
    expect(await hookOf(v1)).toEqual({ event: 'store_list_updated', requestId: v1, result: 'success', ...ids });
    expect(await decidedStatusOf(hub, v1)).toMatchObject({ result: 'success', created: 3, updated: 0, deactivated: 0 });

    // A key caller sees the active stores without `active` and `patterns`; the program sees them.
    const byKey = await storesAs(hub.key);
    expect(byKey.map((s) => s.externalId)).toEqual(['A', 'B', 'S']);
    expect(byKey[0]).not.toHaveProperty('patterns');
    const byProgram = await storesAs(hub.program);
    expect(byProgram[0]).toMatchObject({ externalId: 'A', active: true, patterns: ['SANDBOX STORE A'] });

    // v2: B moves, S is deactivated, D is new; A is left as it is.
    const v2 = await postList(hub, '/v1/hub/store-lists/v2', [
      store('B', 'Sandbox Store B', { city: 'Lyon' }),
      store('S', 'Valet', { type: 'service', active: false }),
      store('D', 'Delta', { patterns: ['delta shop'] }),
    ]);
    await integrate();
    expect(await hookOf(v2)).toEqual({ event: 'store_list_updated', requestId: v2, result: 'success', ...ids });
    expect(await decidedStatusOf(hub, v2)).toMatchObject({ result: 'success', created: 1, updated: 1, deactivated: 1 });
    expect((await storesAs(hub.key)).map((s) => [s.externalId, s.city])).toEqual([
      ['D', 'Bordeaux'],
      ['A', 'Bordeaux'],
      ['B', 'Lyon'],
    ]);
    expect((await storesAs(hub.program)).find((s) => s.externalId === 'S')).toMatchObject({ active: false });

    // Two full lists before the worker runs: the older fails with the seed's message, the newer is integrated.
    const older = await postList(hub, '/v1/hub/store-lists', [store('A', 'Sandbox Store A')]);
    const newer = await postList(hub, '/v1/hub/store-lists', [store('A', 'Sandbox Store A'), store('B', 'B2')]);
    expect(await hookOf(older)).toEqual({
      event: 'store_list_updated',
      requestId: older,
      result: 'failed',
      resultDetail: SUPERSEDED_DETAIL,
      ...ids,
    });
    expect(await decidedStatusOf(hub, older)).toMatchObject({ result: 'failed', resultDetail: SUPERSEDED_DETAIL });
    await integrate();
    expect(await hookOf(newer)).toMatchObject({ result: 'success' });
    // The full list omits D: deactivated; B renamed.
    expect(await decidedStatusOf(hub, newer)).toMatchObject({ created: 0, updated: 1, deactivated: 1 });
    expect((await storesAs(hub.key)).map((s) => [s.externalId, s.name])).toEqual([
      ['B', 'B2'],
      ['A', 'Sandbox Store A'],
    ]);

    const publicKeyPem = await publishedKey(app.baseUrl);
    const deliveries = [v1, v2, older, newer].flatMap(hooksOf);
    expect(deliveries).toHaveLength(4);
    for (const delivery of deliveries)
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });

  it('a list that turns a store into a service fails whole, with the reason, and changes no store', async () => {
    const hub = await programWithHub(app);
    await subscribe(hub);
    await postList(hub, '/v1/hub/store-lists', [store('X', 'Xeno'), store('Y', 'Yak')]);
    await integrate();
    const bad = await postList(hub, '/v1/hub/store-lists/v2', [
      store('Y', 'Yak renamed'),
      store('X', 'Xeno', { type: 'service' }),
    ]);
    await integrate();
    expect(await hookOf(bad)).toMatchObject({
      result: 'failed',
      resultDetail: expect.stringContaining('X') as unknown,
    });
    expect((await storesAs(hub.key)).map((s) => [s.name, s.type])).toEqual([
      ['Xeno', 'store'],
      ['Yak', 'store'],
    ]);
  });

  it('refuses bad lists with one detail per item, storing nothing', async () => {
    const hub = await programWithHub(app);
    const refused = async (stores: unknown) => {
      const answer = await app.request('POST', '/v1/hub/store-lists', { headers: hub.program, body: { stores } });
      expect(answer.status).toBe(422);
      return (answer.body.details as Json[]).map((d) => d.field);
    };
    expect(await refused([])).toEqual(['stores']);
    expect(await refused(Array.from({ length: 501 }, (_, i) => store(`s${i}`, `S ${i}`)))).toEqual(['stores']);
    expect(await refused([store('A', 'A'), store('B', 'B'), store('A', 'A again')])).toEqual(['stores.2.externalId']);
    expect(await refused([{ name: 'no id' }, store('B', 'B', { type: 'kiosk' })])).toEqual([
      'stores.0.externalId',
      'stores.1.type',
    ]);
    expect(await app.knex('rm_hub_store_lists').where({ hub_id: hub.hub.id })).toEqual([]);
    // A key alone may read stores, not send lists.
    const byKey = await app.request('POST', '/v1/hub/store-lists', { headers: hub.key, body: { stores: [] } });
    expect(byKey.status).toBe(401);
  });

  it("keeps two programs apart: another hub's store, request or customer is 404; a customer reads its hub's", async () => {
    const [a, b] = [await programWithHub(app), await programWithHub(app)];
    const requestId = await postList(a, '/v1/hub/store-lists', [store('MINE', 'Mine'), store('GONE', 'Gone')]);
    await integrate();
    await postList(a, '/v1/hub/store-lists/v2', [store('GONE', 'Gone', { active: false })]);
    await integrate();
    const [mine] = await storesAs(a.key);
    const id = String(mine!.id);
    expect((await app.request('GET', `/v1/hub/stores/${id}`, { headers: a.key })).body.data).toMatchObject({
      externalId: 'MINE',
    });
    expect((await app.request('GET', '/v1/hub/stores/MINE', { headers: a.key })).body.data).toMatchObject({ id });
    expect((await app.request('GET', '/v1/hub/stores/GONE', { headers: a.key })).status).toBe(404);
    expect((await app.request('GET', '/v1/hub/stores/MINE%00', { headers: a.program })).status).toBe(404);
    expect((await app.request('GET', '/v1/hub/stores/GONE', { headers: a.program })).body.data).toMatchObject({
      active: false,
    });
    for (const path of [`/v1/hub/stores/${id}`, '/v1/hub/stores/MINE', `/v1/hub/store-lists/${requestId}`])
      expect((await app.request('GET', path, { headers: b.program })).status).toBe(404);
    expect(await storesAs(b.key)).toEqual([]);

    const phoneNumber = `6${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: a.key,
      body: { phoneNumber, countryCode: 33 },
    });
    expect(registered.status).toBe(201);
    const { customerId, token } = await signInByCode(app, a, phoneNumber, CODE);
    expect((await storesAs(bearer(token))).map((s) => s.externalId)).toEqual(['MINE']);
    // The seed's customer headers must name a customer of the hub asked.
    expect((await app.request('GET', '/v1/hub/stores', { headers: { ...a.key, customerId } })).status).toBe(200);
    expect((await app.request('GET', '/v1/hub/stores', { headers: { ...b.key, customerId } })).status).toBe(404);
  });
});
