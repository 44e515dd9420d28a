import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../support/webhook-signature.js';
import { CODE, freshPhone, startBankFront, type BankFront } from '../hub/connections/support.js';
import { ADMIN, bearer, programWithHub, signInByCode, type Json } from '../hub/support.js';
import { runJob, storeList } from '../hub/transactions/support.js';

/*
 * Issue 18's "Done when", step by step in one journey over HTTP: registration by bank through the sandbox bank's
 * consent page, the first sync and its push, desynchronisation and re-authorisation, a manual association, a deletion
 * and an operator switching the bank off. The jobs run when the journey says (POST /v1/admin/jobs/:jobName).
 */

const EVENTS = [
  'customer_subscription',
  'customer_transactions',
  'bank_connections_update',
  'bank_connections_update_v2',
  'bank_status_update',
];

describe('the hub bank journey (issue 18)', () => {
  let app: TestApp;
  let receiver: Receiver;
  let front: BankFront;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SMS_SANDBOX_CODE: CODE,
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
    });
    front = await startBankFront();
  });
  afterAll(async () => {
    await front.close();
    await app.stop();
    await receiver.close();
  });

  it('register → consent → subscription → sync → push → desync → re-authorisation → association → deletion → bank off', async () => {
    // The mall and a second hub hold a catalogue bank of the journey's own (at the sandbox provider), so switching it
    // off disturbs no other test.
    const added = await app.request('POST', '/v1/admin/banks', {
      headers: ADMIN,
      body: {
        name: `Journey Bank ${Date.now()}`,
        cardType: 'bank',
        providerCode: 'sandbox',
        country: 'FR',
        authModels: ['redirect'],
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const bankId = String((added.body.data as Json).id);
    const hub = await programWithHub(app, { externalId: 'mall-journey' });
    const neighbour = await programWithHub(app, { externalId: 'mall-journey-next-door' });
    const hubId = String(hub.hub.id);
    const secrets = new Map<string, string>();
    for (const h of [hub, neighbour]) {
      expect((await app.request('PUT', `/v1/hub/banks/${bankId}`, { headers: h.program })).status).toBe(200);
      const hook = await app.request('POST', '/v1/webhooks', {
        headers: h.program,
        body: { url: receiver.url, events: EVENTS },
      });
      secrets.set(String(h.hub.id), String((hook.body.data as Json).secret));
    }
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
      ['C-3', 'Elsewhere'],
    ]);
    const bodies = (event: string, hubOf = hubId) =>
      receiver.received
        .map((delivery) => ({ delivery, body: JSON.parse(delivery.body.toString('utf8')) as Json }))
        .filter(({ body }) => body.event === event && (body.shoppingHubId ?? hubOf) === hubOf);
    const publicKeyPem = await publishedKey(app.baseUrl);
    const verified = (delivery: Receiver['received'][number], hubOf = hubId) =>
      expect(
        verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret: secrets.get(hubOf)! }),
      ).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });

    // 1. Register.
    const phoneNumber = freshPhone('5');
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: {
        phoneNumber,
        countryCode: 33,
        customerExternalId: 'cust-journey',
        // A week back: sandbox-ok's purchases of the last three days are eligible.
        transactionsEligibleFromDate: Math.floor(Date.now() / 1000) - 7 * 86_400,
      },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const { customerId, token } = registered.body.data as { customerId: string; token: string };

    // 2. The bank's connectUrl, with a state bound to the customer.
    const bank = await app.request('GET', `/v1/hub/banks/${bankId}`, {
      headers: { ...hub.key, customerId, redirectURI: front.url },
    });
    expect(bank.status, JSON.stringify(bank.body)).toBe(200);
    const { connectUrl, state } = bank.body.data as { connectUrl: string; state: string };

    // 3. The consent page, as a browser follows it: a form, sent back with the login, answered by a 302.
    const consent = async (url: string, login: string) => {
      const page = await fetch(url);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
      expect(await page.text()).toContain('name="login"');
      const submitted = new URL(url);
      submitted.searchParams.set('login', login);
      submitted.searchParams.set('password', login);
      const redirect = await fetch(submitted, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const location = new URL(redirect.headers.get('location')!);
      expect(`${location.origin}${location.pathname}`).toBe(front.url);
      expect(location.searchParams.get('code')).toBeTruthy();
      // The front receives the query the bank sent the browser back with.
      return (await fetch(location)).text();
    };
    const queryString = await consent(connectUrl, 'sandbox-ok+journey');
    expect(new URLSearchParams(queryString).get('state')).toBe(state);

    // 4. The callback: a bank connection, the customer subscribed.
    const callback = await app.request('POST', '/v1/hub/auth/bank-connection-callback', {
      headers: { ...hub.key, ...bearer(token) },
      body: { bankId, customerId, queryString },
    });
    expect(callback.status, JSON.stringify(callback.body)).toBe(201);
    const okConnection = String(((callback.body.data as Json).connection as Json).id);

    // 5. customer_subscription creation.
    await until(() => bodies('customer_subscription').some(({ body }) => body.customerId === customerId));
    const creation = bodies('customer_subscription').find(({ body }) => body.customerId === customerId)!;
    expect(creation.body).toMatchObject({
      status: 'creation',
      customerExternalId: 'cust-journey',
      dataProviderType: 'bank',
    });
    verified(creation.delivery);

    // 6. The first sync imports sandbox-ok's four transactions; Store A and B are matched.
    const firstSync = await runJob(app, 'bankSync', hubId);
    expect(firstSync.body.data).toMatchObject({ synced: 1, imported: 4, matched: 2 });

    // 7. Both delivered in one customer_transactions, signed (openssl and standardwebhooks).
    const firstPush = await runJob(app, 'transactionPush', hubId);
    expect(firstPush.body.data).toMatchObject({ batches: 1, transactions: 2 });
    await until(() => bodies('customer_transactions').length === 1);
    const [pushed] = bodies('customer_transactions');
    const items = (pushed!.body.transactions as Json[]).map((t) => [(t.purchaseLocation as Json).externalId, t.amount]);
    expect(items.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['A-1', -10.53],
      ['B-2', -24.17],
    ]);
    expect(pushed!.body).toMatchObject({ shoppingHubExternalId: 'mall-journey' });
    verified(pushed!.delivery);

    // 8. A second sync adds nothing, and nothing more is pushed.
    expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({ synced: 1, imported: 0 });
    expect((await runJob(app, 'transactionPush', hubId)).body.data).toMatchObject({ batches: 0 });

    // 9. A second connection, at a sandbox-desync account: its first sync is good, its second fails.
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    const secondUrl = await app.request('GET', `/v1/hub/banks/${bankId}`, {
      headers: { ...hub.key, customerId, redirectURI: front.url },
    });
    const desyncLogin = 'sandbox-desync+journey';
    const added2 = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(me.token),
      body: { bankId, queryString: await consent(String((secondUrl.body.data as Json).connectUrl), desyncLogin) },
    });
    expect(added2.status, JSON.stringify(added2.body)).toBe(201);
    const desyncConnection = String((added2.body.data as Json).id);
    // A later connection is eligible from its own creation (ambiguity 22): its feed of the last days matches nothing.
    expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({ synced: 2, imported: 4, matched: 0 });
    expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({ synced: 1, desynchronized: 1 });

    // 10. bank_connections_update and v2 update say so.
    const v1 = () => bodies('bank_connections_update').filter(({ body }) => (body.customer as Json).id === customerId);
    const v2 = (eventType: string) =>
      bodies('bank_connections_update_v2').filter(
        ({ body }) => body.eventType === eventType && (body.connection as Json).id === desyncConnection,
      );
    await until(() => v1().length >= 1 && v2('update').length >= 1);
    expect(v1()[0]!.body).toMatchObject({
      customer: { externalId: 'cust-journey', connectionsOff: 1 },
      connectionsInError: [{ id: desyncConnection, errorCode: 'invalidCredentials' }],
    });
    expect((v2('update')[0]!.body.connection as Json).errorCode).toBe('invalidCredentials');
    verified(v1()[0]!.delivery);
    verified(v2('update')[0]!.delivery);

    // 11. Re-authorisation by a new consent with the same login: the same connection, resynchronised.
    const asked = await app.request('PATCH', `/v1/hub/customer/bank-connections/${desyncConnection}`, {
      headers: bearer(me.token),
      body: { redirectUri: front.url },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const back = await app.request('POST', `/v1/hub/customer/bank-connections/${desyncConnection}/callback`, {
      headers: bearer(me.token),
      body: { queryString: await consent(String((asked.body.data as Json).connectUrl), desyncLogin) },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.data).toMatchObject({ id: desyncConnection, status: 'synchronized', errorCode: null });
    await until(() => v1().length >= 2 && v2('update').length >= 2);
    expect(v1().map(({ body }) => (body.customer as Json).connectionsOff)).toEqual([1, 0]);
    expect(v2('update').map(({ body }) => (body.connection as Json).errorCode)).toEqual(['invalidCredentials', null]);
    // The account was renewed, not replaced: its syncs stay good (a new sandbox-desync account would fail again).
    for (let sync = 0; sync < 2; sync++)
      expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({
        synced: 2,
        desynchronized: 0,
        imported: 0,
      });

    // 12. The program puts an unaffected debit (CB UNKNOWN SHOP, one per connection) at Elsewhere.
    const unaffected = await app.request('GET', '/v1/hub/transactions/unaffected', { headers: hub.program });
    const unknownShop = (unaffected.body.data as Json[]).filter((t) => t.label === 'CB UNKNOWN SHOP');
    expect(unknownShop).toHaveLength(2);
    const stores = await app.request('GET', '/v1/hub/stores?search=Elsewhere', { headers: hub.program });
    const elsewhere = String(((stores.body.data as Json[])[0] as Json).id);
    const debit = String(unknownShop[0]!.id);
    const associated = await app.request('PUT', `/v1/hub/transactions/${debit}/association`, {
      headers: hub.program,
      body: { storeId: elsewhere },
    });
    expect(associated.status, JSON.stringify(associated.body)).toBe(200);

    // 13. It goes out alone in the next batch.
    expect((await runJob(app, 'transactionPush', hubId)).body.data).toMatchObject({ batches: 1, transactions: 1 });
    await until(() => bodies('customer_transactions').length === 2);
    const last = bodies('customer_transactions').at(-1)!;
    expect(
      (last.body.transactions as Json[]).map((t) => [t.id, (t.purchaseLocation as Json).externalId, t.amount]),
    ).toEqual([[debit, 'C-3', -5]]);
    verified(last.delivery);
    // Once pushed, it stays where it was sent.
    const dissociated = await app.request('DELETE', `/v1/hub/transactions/${debit}/association`, {
      headers: hub.program,
    });
    expect([dissociated.status, (dissociated.body.details as Json[])[0]!.code]).toEqual([
      422,
      'transactionAlreadyPushed',
    ]);

    // 14. The customer deletes the desync connection: v2 delete.
    const deleted = await app.request('DELETE', `/v1/hub/customer/connections/${desyncConnection}`, {
      headers: bearer(me.token),
    });
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(204);
    await until(() => v2('delete').length === 1);
    verified(v2('delete')[0]!.delivery);
    // The first one is the last: it stays.
    const lastOne = await app.request('DELETE', `/v1/hub/customer/connections/${okConnection}`, {
      headers: bearer(me.token),
    });
    expect(lastOne.status).toBe(422);

    // 15. An operator switches the bank off: bank_status_update to every hub holding it.
    const off = await app.request('PATCH', `/v1/admin/banks/${bankId}`, { headers: ADMIN, body: { active: false } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const statusOf = (h: string) =>
      bodies('bank_status_update', h).filter(
        ({ body }) => (body.bank as Json).id === bankId && body.shoppingHubId === h,
      );
    const neighbourId = String(neighbour.hub.id);
    await until(() => statusOf(hubId).length === 1 && statusOf(neighbourId).length === 1);
    expect(statusOf(hubId)[0]!.body).toMatchObject({ shoppingHubExternalId: 'mall-journey', bank: { active: false } });
    expect(statusOf(neighbourId)[0]!.body).toMatchObject({ shoppingHubExternalId: 'mall-journey-next-door' });
    verified(statusOf(hubId)[0]!.delivery);
    verified(statusOf(neighbourId)[0]!.delivery, neighbourId);
  });
});
