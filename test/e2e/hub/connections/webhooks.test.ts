import { describe, expect, it } from 'vitest';
import { until } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { bearer, programWithHub, signInByCode, type Json } from '../support.js';
import { BANK, CODE, consentedQuery, webhookBench } from './support.js';

describe('hub connection webhooks (bank_connections_update_v2 create and delete)', () => {
  const bench = webhookBench();

  it('sends create for each new connection and delete for a deleted one, with the counts of that moment', async () => {
    const hub = await programWithHub(bench.app, { externalId: 'mall-conn' });
    await bench.app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const created = await bench.app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: bench.receiver.url, events: ['bank_connections_update_v2'] },
    });
    const secret = String((created.body.data as Json).secret);
    const phoneNumber = `6${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    await bench.app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, customerExternalId: 'cust-conn' },
    });
    const me = await signInByCode(bench.app, hub, phoneNumber, CODE);
    const ids: string[] = [];
    for (const login of ['sandbox-ok+a', 'sandbox-ok+b']) {
      const queryString = await consentedQuery(bench.app, hub, me.customerId, bench.front, login);
      const answer = await bench.app.request('POST', '/v1/hub/customer/bank-connections/callback', {
        headers: bearer(me.token),
        body: { bankId: BANK, queryString },
      });
      expect(answer.status).toBe(201);
      ids.push((answer.body.data as Json).id as string);
    }
    await bench.app.request('DELETE', `/v1/hub/customer/connections/${ids[0]}`, { headers: bearer(me.token) });

    const bodies = () =>
      bench.receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
        .filter((b) => (b.customer as Json).id === me.customerId);
    await until(() => bodies().length >= 3);
    const seen = bodies().map((b) => {
      const customer = b.customer as { connectionsOn: number; connections: Json[] };
      return [b.eventType, (b.connection as Json).id, customer.connectionsOn, customer.connections.map((c) => c.id)];
    });
    expect(seen).toEqual(
      expect.arrayContaining([
        ['create', ids[0], 1, [ids[0]]],
        ['create', ids[1], 2, [ids[0], ids[1]]],
        ['delete', ids[0], 1, [ids[1]]],
      ]),
    );
    expect(bodies()[0]).toMatchObject({
      event: 'bank_connections_update_v2',
      shoppingHubId: hub.hub.id,
      shoppingHubExternalId: 'mall-conn',
      customer: { externalId: 'cust-conn', connectionsOff: 0 },
      connection: { bank: 'Sandbox Bank', errorCode: null, errorMessage: null },
    });
    const publicKeyPem = await publishedKey(bench.app.baseUrl);
    for (const delivery of bench.receiver.received)
      expect(verifyDelivery(delivery, { receiverUrl: bench.receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });
});
