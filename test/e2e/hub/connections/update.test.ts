import { describe, expect, it } from 'vitest';
import { until } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { bearer, programWithHub, signInByCode, type Json } from '../support.js';
import { BANK, CODE, connectUrlOf, consentedQuery, freshPhone, webhookBench } from './support.js';

type Answer = { status: number; body: Json };
const detailCode = (answer: Answer) => (answer.body.details as Json[] | undefined)?.[0]?.code;

describe('desynchronised and re-authorised connections (flow 2.5): patchBankConnection, updateBankConnection', () => {
  const bench = webhookBench();

  it('sends bank_connections_update and v2 update when a connection falls and when each re-authorisation lifts it', async () => {
    const { app, receiver, front } = bench;
    const hub = await programWithHub(app, { externalId: 'mall-desync' });
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['bank_connections_update', 'bank_connections_update_v2'] },
    });
    const secret = String((hook.body.data as Json).secret);
    const phoneNumber = freshPhone('8');
    await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, customerExternalId: 'cust-desync' },
    });
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    const login = 'sandbox-desync+e2e';
    const created = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(me.token),
      body: { bankId: BANK, queryString: await consentedQuery(app, hub, me.customerId, front, login) },
    });
    expect(created.status).toBe(201);
    const id = String((created.body.data as Json).id);
    const simulate = (value: boolean, headers = hub.program) =>
      app.request('PATCH', `/v1/hub/bank-connections/${id}`, { headers, body: { simulateInvalidCredentials: value } });
    const customerPatch = (body: Json, connectionId = id) =>
      app.request('PATCH', `/v1/hub/customer/bank-connections/${connectionId}`, { headers: bearer(me.token), body });

    expect((await simulate(false)).body.data).toMatchObject({ status: 'synchronized' });
    const fallen = await simulate(true);
    expect(fallen.status, JSON.stringify(fallen.body)).toBe(200);
    expect(fallen.body.data).toMatchObject({ status: 'desynchronized', errorCode: 'invalidCredentials' });

    const wrong = await customerPatch({ credentials: { login: 'sandbox-ok', password: 'sandbox-ok' } });
    expect([wrong.status, detailCode(wrong)]).toEqual([422, 'invalidCredentials']);
    const back = await customerPatch({ credentials: { login, password: login } });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.data).toMatchObject({ id, status: 'synchronized', errorCode: null });

    // Again, and back through a new consent this time: a state bound to the connection, spent at its callback.
    await simulate(true);
    const asked = await customerPatch({ redirectUri: front.url });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const url = new URL(String((asked.body.data as Json).connectUrl));
    url.searchParams.set('login', login);
    url.searchParams.set('password', login);
    const queryString = await (await fetch(url)).text();
    const callback = (connectionId: string) =>
      app.request('POST', `/v1/hub/customer/bank-connections/${connectionId}/callback`, {
        headers: bearer(me.token),
        body: { queryString },
      });
    // A state bound to this connection is no new connection's, nor good for another id.
    const asNew = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(me.token),
      body: { bankId: BANK, queryString },
    });
    expect([asNew.status, detailCode(asNew)]).toEqual([422, 'invalidState']);
    const reauthorised = await callback(id);
    expect(reauthorised.status, JSON.stringify(reauthorised.body)).toBe(200);
    expect(reauthorised.body.data).toMatchObject({ id, status: 'synchronized' });
    expect(detailCode(await callback(id))).toBe('stateAlreadyUsed');

    const bodies = (event: string) =>
      receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
        .filter((b) => b.event === event && (b.customer as Json).id === me.customerId);
    await until(
      () => bodies('bank_connections_update').length >= 4 && bodies('bank_connections_update_v2').length >= 5,
    );
    const v1 = bodies('bank_connections_update').map((b) => [
      (b.customer as Json).connectionsOff,
      (b.connectionsInError as Json[]).length,
    ]);
    expect(v1.sort()).toEqual([
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(bodies('bank_connections_update').find((b) => (b.customer as Json).connectionsOff === 1)).toMatchObject({
      customer: { externalId: 'cust-desync', connectionsOn: 0 },
      connectionsInError: [{ id, errorCode: 'invalidCredentials', bank: 'Sandbox Bank' }],
      shoppingHubExternalId: 'mall-desync',
    });
    const updates = bodies('bank_connections_update_v2').filter((b) => b.eventType === 'update');
    expect(updates.map((b) => (b.connection as Json).errorCode).sort()).toEqual([
      'invalidCredentials',
      'invalidCredentials',
      null,
      null,
    ]);
    const publicKeyPem = await publishedKey(app.baseUrl);
    for (const delivery of receiver.received.filter((r) => r.body.toString('utf8').includes(me.customerId)))
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });

  it('answers 404 invalidConnectionId for an unknown or another hub’s connection, 422 for bad bodies', async () => {
    const { app, front } = bench;
    const hub = await programWithHub(app);
    const stranger = await programWithHub(app);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const phoneNumber = freshPhone('8');
    await app.request('POST', '/v1/hub/auth/register', { headers: hub.key, body: { phoneNumber, countryCode: 33 } });
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    await connectUrlOf(app, hub, me.customerId, front);
    const created = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(me.token),
      body: { bankId: BANK, queryString: await consentedQuery(app, hub, me.customerId, front, 'sandbox-ok') },
    });
    const id = String((created.body.data as Json).id);
    for (const [path, headers, body] of [
      [`/v1/hub/bank-connections/${id}`, stranger.program, { simulateInvalidCredentials: true }],
      [
        '/v1/hub/bank-connections/00000000-0000-4000-8000-000000000000',
        hub.program,
        { simulateInvalidCredentials: true },
      ],
      ['/v1/hub/bank-connections/nope', hub.program, { simulateInvalidCredentials: true }],
      ['/v1/hub/customer/bank-connections/nope', bearer(me.token), { redirectUri: front.url }],
    ] as const) {
      const answer = await app.request('PATCH', path, { headers, body });
      expect([answer.status, detailCode(answer)], path).toEqual([404, 'invalidConnectionId']);
    }
    for (const body of [{}, { simulateInvalidCredentials: 'yes' }, { simulateInvalidCredentials: true, x: 1 }]) {
      const answer = await app.request('PATCH', `/v1/hub/bank-connections/${id}`, { headers: hub.program, body });
      expect(answer.status).toBe(422);
    }
    const noTarget = await app.request('PATCH', `/v1/hub/customer/bank-connections/${id}`, {
      headers: bearer(me.token),
      body: { locale: 'fr' },
    });
    expect(noTarget.status).toBe(422);
  });
});
