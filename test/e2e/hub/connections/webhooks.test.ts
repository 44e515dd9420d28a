import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxBankId } from '../../../../src/commands/hub/banks/banks.js';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { bearer, programWithHub, signInByCode, type Json } from '../support.js';

const CODE = '123456';
const BANK = sandboxBankId('Sandbox Bank');

describe('hub connection webhooks (bank_connections_update_v2 create and delete)', () => {
  let app: TestApp;
  let receiver: Receiver;
  let front: Server;
  let frontUrl: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', SMS_SANDBOX_CODE: CODE });
    front = createServer((req, res) => res.end(new URL(req.url ?? '/', 'http://front').search.slice(1)));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}/bank/return`;
  });
  afterAll(async () => {
    await new Promise((resolve) => front.close(resolve));
    await app.stop();
    await receiver.close();
  });

  it('sends create for each new connection and delete for a deleted one, with the counts of that moment', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-conn' });
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const created = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['bank_connections_update_v2'] },
    });
    const secret = String((created.body.data as Json).secret);
    const phoneNumber = `6${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, customerExternalId: 'cust-conn' },
    });
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    const ids: string[] = [];
    for (const login of ['sandbox-ok+a', 'sandbox-ok+b']) {
      const bank = await app.request('GET', `/v1/hub/banks/${BANK}`, {
        headers: { ...hub.key, customerId: me.customerId, redirectURI: frontUrl },
      });
      const url = new URL((bank.body.data as { connectUrl: string }).connectUrl);
      url.searchParams.set('login', login);
      url.searchParams.set('password', login);
      const queryString = await (await fetch(url)).text();
      const answer = await app.request('POST', '/v1/hub/customer/bank-connections/callback', {
        headers: bearer(me.token),
        body: { bankId: BANK, queryString },
      });
      expect(answer.status).toBe(201);
      ids.push((answer.body.data as Json).id as string);
    }
    await app.request('DELETE', `/v1/hub/customer/connections/${ids[0]}`, { headers: bearer(me.token) });

    const bodies = () =>
      receiver.received
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
    const publicKeyPem = await publishedKey(app.baseUrl);
    for (const delivery of receiver.received)
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });
});
