import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { bearer, programWithHub, signInByCode, type HubProgram, type Json } from '../support.js';
import { BANK, CODE, connectUrlOf, freshPhone, startBankFront, type BankFront } from './support.js';

describe('hub bank connections: connectUrl, the consent page, the callback, lists and deletion (flows 1.3, 1.7)', () => {
  let app: TestApp;
  let front: BankFront;
  let frontUrl: string;
  beforeAll(async () => {
    app = await startTestApp({ SMS_SANDBOX_CODE: CODE });
    front = await startBankFront();
    frontUrl = front.url;
  });
  afterAll(async () => {
    await front.close();
    await app.stop();
  });

  const customerOf = async (hub: HubProgram) => {
    const phoneNumber = freshPhone('6');
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33 },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    return signInByCode(app, hub, phoneNumber, CODE);
  };
  const connectUrl = (hub: HubProgram, customerId: string) => connectUrlOf(app, hub, customerId, front);
  /** Like a browser: the form, then the filled form's GET, the 302 followed to the front, which echoes its query. */
  const consent = async (url: string, login: string) => {
    const form = await fetch(url);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form');
    const filled = new URL(url);
    filled.searchParams.set('login', login);
    filled.searchParams.set('password', login);
    const manual = await fetch(filled, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toMatch(new RegExp(`^${frontUrl}\\?`));
    const landed = await fetch(filled);
    expect(landed.url.startsWith(frontUrl)).toBe(true);
    return landed.text();
  };
  const callback = (token: string, queryString: string) =>
    app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(token),
      body: { bankId: BANK, queryString },
    });
  const detailCode = (answer: { body: Json }) => (answer.body.details as Json[] | undefined)?.[0]?.code;

  it('when a customer consents at the sandbox bank and brings the code back, then a synchronised connection', async () => {
    const hub = await programWithHub(app);
    expect((await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program })).status).toBe(200);
    const me = await customerOf(hub);
    const { connectUrl: url, state } = await connectUrl(hub, me.customerId);
    const query = await consent(url, 'sandbox-ok+e2e');
    expect(new URLSearchParams(query).get('state')).toBe(state);

    const created = await callback(me.token, query);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({
      type: 'bank',
      bank: { id: BANK, name: 'Sandbox Bank' },
      status: 'synchronized',
      errorCode: null,
    });
    const listed = await app.request('GET', '/v1/hub/customer/connections', { headers: bearer(me.token) });
    expect((listed.body.data as Json[]).map((c) => c.id)).toEqual([(created.body.data as Json).id]);

    const reused = await callback(me.token, query);
    expect(reused.status).toBe(422);
    expect(reused.body.error_name).toBe('operation_refused');
    expect(detailCode(reused)).toBe('stateAlreadyUsed');

    const only = (created.body.data as Json).id as string;
    const last = await app.request('DELETE', `/v1/hub/customer/bank-connections/${only}`, {
      headers: bearer(me.token),
    });
    expect(last.status).toBe(422);
    expect(detailCode(last)).toBe('lastConnection');
  });

  it('when the state is forged, another customer’s, or the bank refused, then 422 operation_refused with its code', async () => {
    const hub = await programWithHub(app);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const alice = await customerOf(hub);
    const bob = await customerOf(hub);
    const query = await consent((await connectUrl(hub, alice.customerId)).connectUrl, 'sandbox-ok');

    const stolen = await callback(bob.token, query);
    expect([stolen.status, detailCode(stolen)]).toEqual([422, 'invalidState']);
    const forgedState = new URLSearchParams(query);
    forgedState.set('state', 'made-up');
    const forged = await callback(alice.token, forgedState.toString());
    expect([forged.status, detailCode(forged)]).toEqual([422, 'invalidState']);
    const invalid = await consent((await connectUrl(hub, alice.customerId)).connectUrl, 'sandbox-invalid');
    const refused = await callback(alice.token, invalid);
    expect([refused.status, detailCode(refused)]).toEqual([422, 'invalidCredentials']);
    const missing = await callback(alice.token, 'state=x');
    expect(missing.status).toBe(422);
    expect(missing.body.error_name).toBe('invalid_request');

    // The code is bound to its state: Alice's own code with another state of hers is refused by the provider.
    const second = await connectUrl(hub, alice.customerId);
    const swapped = new URLSearchParams(query);
    swapped.set('state', second.state);
    const mixed = await callback(alice.token, swapped.toString());
    expect([mixed.status, detailCode(mixed)]).toEqual([422, 'invalidCode']);
    // Alice's first state was never spent by Bob's attempt: it still connects her.
    expect((await callback(alice.token, query)).status).toBe(201);
  });

  it('when a customer has two connections, then one can go; an unknown one is 404 invalidConnectionId', async () => {
    const hub = await programWithHub(app);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const me = await customerOf(hub);
    const ids: string[] = [];
    for (const login of ['sandbox-ok+one', 'sandbox-ok+two']) {
      const created = await callback(me.token, await consent((await connectUrl(hub, me.customerId)).connectUrl, login));
      expect(created.status).toBe(201);
      ids.push((created.body.data as Json).id as string);
    }
    const deleted = await app.request('DELETE', `/v1/hub/customer/connections/${ids[0]}`, {
      headers: bearer(me.token),
    });
    expect(deleted.status).toBe(204);
    const left = await app.request('GET', '/v1/hub/customer/bank-connections', { headers: bearer(me.token) });
    expect((left.body.data as Json[]).map((c) => c.id)).toEqual([ids[1]]);
    for (const id of [ids[0], '00000000-0000-4000-8000-000000000000', 'nope']) {
      const gone = await app.request('DELETE', `/v1/hub/customer/bank-connections/${id}`, {
        headers: bearer(me.token),
      });
      expect([gone.status, detailCode(gone)]).toEqual([404, 'invalidConnectionId']);
    }
  });

  it('when the bank is inactive or not the hub’s, then no connectUrl', async () => {
    const hub = await programWithHub(app);
    const me = await customerOf(hub);
    const notHeld = await app.request('GET', `/v1/hub/banks/${BANK}`, {
      headers: { ...hub.key, customerId: me.customerId, redirectURI: frontUrl },
    });
    expect(notHeld.status).toBe(404);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const badRedirect = await app.request('GET', `/v1/hub/banks/${BANK}`, {
      headers: { ...hub.key, customerId: me.customerId, redirectURI: 'javascript:alert(1)' },
    });
    expect(badRedirect.status).toBe(422);
  });
});
