import { describe, expect, it } from 'vitest';
import { bearer, programWithHub, signInByCode, type Json } from '../support.js';
import { BANK, CODE, freshPhone, webhookBench } from './support.js';

describe('decoupled consent (flow 1.3): decoupledDetails, verifyDecoupledConnection, the callback', () => {
  const bench = webhookBench();

  it('when the customer approves in the bank’s app, then the front polls pending, then succeeded, and connects', async () => {
    const { app } = bench;
    const hub = await programWithHub(app);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const phoneNumber = freshPhone('9');
    await app.request('POST', '/v1/hub/auth/register', { headers: hub.key, body: { phoneNumber, countryCode: 33 } });
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    const ask = (headers: Record<string, string>) =>
      app.request('GET', `/v1/hub/banks/${BANK}`, {
        headers: { ...hub.key, customerId: me.customerId, chosenAuthModel: 'decoupled', ...headers },
      });
    const noPsu = await ask({});
    expect(noPsu.status).toBe(422);
    const asked = await ask({ psuId: 'sandbox-decoupled' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    const { decoupledDetails, state } = asked.body.data as { decoupledDetails: string; state: string };
    expect(asked.body.data).not.toHaveProperty('connectUrl');
    const verify = (details: string) =>
      app.request('POST', '/v1/hub/auth/decoupled-connection/verify', {
        headers: hub.key,
        body: { decoupledDetails: details },
      });
    expect((await verify(decoupledDetails)).body.data).toEqual({ status: 'pending', callbackUri: null });
    const done = await verify(decoupledDetails);
    expect(done.body.data).toMatchObject({ status: 'succeeded' });
    const callbackUri = String((done.body.data as Json).callbackUri);
    expect(new URLSearchParams(callbackUri.replace(/^[^?]*\?/, '')).get('state')).toBe(state);
    const created = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
      headers: bearer(me.token),
      body: { bankId: BANK, queryString: callbackUri },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const altered = await verify(`${decoupledDetails}x`);
    expect([altered.status, (altered.body.details as Json[])[0]?.code]).toEqual([422, 'invalidDecoupledDetails']);
    expect((await verify('')).status).toBe(422);
  });
});
