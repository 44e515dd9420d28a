import { describe, expect, it } from 'vitest';
import { until } from '../../../support/receiver.js';
import { bearer, programWithHub, signInByCode, type Json } from '../support.js';
import { CODE, freshPhone, webhookBench } from './support.js';

const detailCode = (answer: { body: Json }) => (answer.body.details as Json[] | undefined)?.[0]?.code;

describe('card linking (addCreditCardConnection, getCloConnections)', () => {
  const bench = webhookBench();

  it('when a customer links cards, then card connections, subscribed by the first; deleted like a connection', async () => {
    const { app, receiver } = bench;
    const hub = await programWithHub(app);
    await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['customer_subscription'] },
    });
    const phoneNumber = freshPhone('5');
    await app.request('POST', '/v1/hub/auth/register', { headers: hub.key, body: { phoneNumber, countryCode: 33 } });
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    const link = (creditCardToken: unknown) =>
      app.request('POST', '/v1/hub/customer/credit-cards', { headers: bearer(me.token), body: { creditCardToken } });

    const refused = await link('tok_fail');
    expect([refused.status, detailCode(refused)]).toEqual([422, 'cardRefused']);
    expect((await link('')).status).toBe(422);
    const first = await link('tok_visa_1234');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.data).toMatchObject({ type: 'card', bank: null, last4: '1234', status: 'synchronized' });
    const second = await link('tok_mastercard');
    expect(second.body.data).toMatchObject({ last4: '4242' });

    const clo = await app.request('GET', '/v1/hub/customer/clo-connections', { headers: bearer(me.token) });
    expect(clo.body.data).toMatchObject({ customerId: me.customerId });
    expect(((clo.body.data as Json).connections as Json[]).map((c) => c.last4)).toEqual(['1234', '4242']);
    const banks = await app.request('GET', '/v1/hub/customer/bank-connections', { headers: bearer(me.token) });
    expect(banks.body.data).toEqual([]);

    const firstId = String((first.body.data as Json).id);
    const asBank = await app.request('DELETE', `/v1/hub/customer/bank-connections/${firstId}`, {
      headers: bearer(me.token),
    });
    expect([asBank.status, detailCode(asBank)]).toEqual([404, 'invalidConnectionId']);
    const deleted = await app.request('DELETE', `/v1/hub/customer/connections/${firstId}`, {
      headers: bearer(me.token),
    });
    expect(deleted.status).toBe(204);
    const last = await app.request('DELETE', `/v1/hub/customer/connections/${String((second.body.data as Json).id)}`, {
      headers: bearer(me.token),
    });
    expect([last.status, detailCode(last)]).toEqual([422, 'lastConnection']);

    const statuses = () =>
      receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
        .filter((b) => b.customerId === me.customerId)
        .map((b) => b.status);
    await until(() => statuses().length >= 2);
    expect(statuses().sort()).toEqual(['creation', 'update']);
  });
});
