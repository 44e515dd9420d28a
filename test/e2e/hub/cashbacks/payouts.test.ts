import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import type { HubProgram, Json } from '../support.js';
import { cashbackBody, customerOf, GOOD_IBAN, hooks, REFUSED_IBAN, runJob, statusesOf } from './support.js';
import { startCashbacksWorld, type CashbacksWorld } from './world.js';

describe('hub cashbacks over HTTP: cashbackSubmit → cashbackSettle payouts and their webhooks, with a real receiver', () => {
  let world: CashbacksWorld;
  let app: TestApp;
  let receiver: Receiver;
  let hub: HubProgram;
  let hubId: string;
  let secret: string;
  beforeAll(async () => {
    world = await startCashbacksWorld();
    ({ app, receiver, hub, hubId, secret } = world);
  });
  afterAll(() => world.stop());

  it('a cashback to the favorite account reaches SUCCEEDED then RECEIVED, each a signed one-cashback payload', async () => {
    const me = await customerOf(app, hub, '6');
    const put = await app.request('PUT', '/v1/hub/customer/favorite-account', {
      headers: me.headers,
      body: { iban: GOOD_IBAN },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.data).toEqual({
      IBAN: { iban: '***********************2606', sortCode: null, accountNumber: null },
      creditCard: null,
      cashbackFallbackNeeded: false,
    });
    const posted = await app.request('POST', '/v1/hub/cashbacks', {
      headers: hub.program,
      body: cashbackBody(me.customerId, 'cb-ok-1'),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const id = (posted.body.data as Json).id as string;
    expect(posted.body.data).toEqual({ id, externalId: 'cb-ok-1', status: 'PENDING' });

    const submitted = await runJob(app, 'cashbackSubmit', hubId);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.data).toMatchObject({ jobName: 'cashbackSubmit', submitted: 1, held: 0 });
    await until(() => statusesOf(receiver, hubId, me.customerId).includes('SUCCEEDED'));
    const settled = await runJob(app, 'cashbackSettle', hubId);
    expect(settled.body.data).toMatchObject({ jobName: 'cashbackSettle', received: 1 });
    await until(() => statusesOf(receiver, hubId, me.customerId).length === 2);
    expect(statusesOf(receiver, hubId, me.customerId)).toEqual(['SUCCEEDED', 'RECEIVED']);

    const [succeeded] = hooks(receiver, 'cashbacks_updated', hubId).filter(
      ({ body }) => body.customerId === me.customerId,
    );
    expect(succeeded!.body).toEqual({
      event: 'cashbacks_updated',
      cashbacks: [
        { status: 'SUCCEEDED', transferId: expect.stringMatching(/^sbx_/) as unknown, externalId: 'cb-ok-1' },
      ],
      customerId: me.customerId,
      customerExternalId: me.externalId,
      shoppingHubId: hubId,
      shoppingHubExternalId: 'mall-cb',
    });
    const publicKeyPem = await publishedKey(app.baseUrl);
    expect(verifyDelivery(succeeded!.delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });

    const mine = await app.request('GET', '/v1/hub/customer/cashbacks', { headers: me.headers });
    expect(mine.body.data).toEqual([
      expect.objectContaining({ id, status: 'RECEIVED', amount: '12.50', currency: 'EUR', origin: 'program' }),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const pushed = await app.request('GET', `/v1/hub/cashbacks/pushed?startDate=${today}&endDate=${tomorrow}`, {
      headers: hub.program,
    });
    expect(pushed.status).toBe(200);
    expect((pushed.body.data as Json[]).filter((c) => c.id === id).map((c) => c.status)).toEqual([
      'SUCCEEDED',
      'RECEIVED',
    ]);
  });

  it('a customer with no account: cashback_method_updated missing, then retrieved once the account is set, and the held cashback goes on', async () => {
    const me = await customerOf(app, hub, '6');
    const posted = await app.request('POST', '/v1/hub/cashbacks', {
      headers: hub.program,
      body: cashbackBody(me.customerId, 'cb-held-1'),
    });
    expect(posted.status).toBe(201);
    const held = await runJob(app, 'cashbackSubmit', hubId);
    // The hub's other waiting cashbacks (another test's) may be held in the same run.
    expect(held.body.data).toMatchObject({ submitted: 0 });
    expect((held.body.data as Json).held).toBeGreaterThanOrEqual(1);
    const methods = () =>
      hooks(receiver, 'cashback_method_updated', hubId)
        .filter(({ body }) => body.customerId === me.customerId)
        .map(({ body }) => body.status);
    await until(() => methods().length === 1);
    const fallback = await app.request('GET', '/v1/hub/customer/favorite-account', { headers: me.headers });
    expect(fallback.body.data).toMatchObject({ IBAN: null, cashbackFallbackNeeded: true });
    const profile = await app.request('GET', '/v1/hub/customer', { headers: me.headers });
    expect(profile.body.data).toMatchObject({ cashbackMethod: 'missing' });
    // A second run while it waits says nothing more.
    await runJob(app, 'cashbackSubmit', hubId);

    const uk = await app.request('PUT', '/v1/hub/customer/favorite-account', {
      headers: me.headers,
      body: { sortCode: '12-34-56', accountNumber: '12345678' },
    });
    expect(uk.status, JSON.stringify(uk.body)).toBe(200);
    expect(uk.body.data).toMatchObject({ IBAN: { iban: null, sortCode: '123456', accountNumber: '****5678' } });
    await until(() => methods().length === 2);
    expect(methods()).toEqual(['missing', 'retrieved']);
    expect(hooks(receiver, 'cashback_method_updated', hubId).at(-1)!.body).toEqual({
      event: 'cashback_method_updated',
      customerId: me.customerId,
      customerExternalId: me.externalId,
      status: 'retrieved',
      shoppingHubId: hubId,
      shoppingHubExternalId: 'mall-cb',
    });
    const goes = await runJob(app, 'cashbackSubmit', hubId);
    expect(goes.body.data).toMatchObject({ held: 0 });
    await until(() => statusesOf(receiver, hubId, me.customerId).includes('SUCCEEDED'));
    const after = await app.request('GET', '/v1/hub/customer', { headers: me.headers });
    expect(after.body.data).toMatchObject({ cashbackMethod: 'retrieved' });
  });

  it('a failing IBAN is FAILED on each try, then REJECTED', async () => {
    const me = await customerOf(app, hub, '6');
    const posted = await app.request('POST', '/v1/hub/cashbacks', {
      headers: hub.program,
      body: cashbackBody(me.customerId, 'cb-fail-1', {
        transferInfo: { amount: 5, currency: 'EUR', label: 'Refund', iban: REFUSED_IBAN },
      }),
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    for (let run = 0; run < 3; run++) {
      await runJob(app, 'cashbackSubmit', hubId);
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => statusesOf(receiver, hubId, me.customerId).includes('REJECTED'));
    // FAILED and REJECTED of the last try are delivered side by side: compared as a set of counts.
    await until(() => statusesOf(receiver, hubId, me.customerId).length === 4);
    expect(statusesOf(receiver, hubId, me.customerId).sort()).toEqual(['FAILED', 'FAILED', 'FAILED', 'REJECTED']);
    const mine = await app.request('GET', '/v1/hub/customer/cashbacks', { headers: me.headers });
    expect(mine.body.data).toEqual([expect.objectContaining({ status: 'REJECTED', amount: '5.00' })]);
  });

  it('a deleted customer’s unsubmitted cashbacks are REJECTED', async () => {
    const me = await customerOf(app, hub, '6');
    const posted = await app.request('POST', '/v1/hub/cashbacks', {
      headers: hub.program,
      body: cashbackBody(me.customerId, 'cb-deleted-1'),
    });
    expect(posted.status).toBe(201);
    const deleted = await app.request('DELETE', '/v1/hub/customer', { headers: me.headers });
    expect(deleted.status).toBe(204);
    await runJob(app, 'cashbackSubmit', hubId);
    await until(() => statusesOf(receiver, hubId, me.customerId).includes('REJECTED'));
    expect(statusesOf(receiver, hubId, me.customerId)).toEqual(['REJECTED']);
    const [rejected] = hooks(receiver, 'cashbacks_updated', hubId).filter(
      ({ body }) => body.customerId === me.customerId,
    );
    expect((rejected!.body.cashbacks as Json[])[0]).toEqual({
      status: 'REJECTED',
      transferId: '',
      externalId: 'cb-deleted-1',
    });
  });

  it('test-fires cashbacks_updated (one cashback) and cashback_method_updated samples, appending nothing', async () => {
    for (const [route, event] of [
      ['cashbacksUpdated', 'cashbacks_updated'],
      ['cashbackMethodUpdated', 'cashback_method_updated'],
    ] as const) {
      const fired = await app.request('POST', `/v1/admin/webhook/${route}`, { headers: hub.program });
      expect(fired.status, JSON.stringify(fired.body)).toBeLessThan(300);
      await until(() =>
        receiver.received.some((r) => {
          const body = JSON.parse(r.body.toString('utf8')) as Json;
          return body.event === event && body.customerExternalId === '87316292';
        }),
      );
    }
    const sample = receiver.received
      .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
      .find((b) => b.event === 'cashbacks_updated' && b.customerExternalId === '87316292');
    expect(sample!.cashbacks).toHaveLength(1);
  });
});
