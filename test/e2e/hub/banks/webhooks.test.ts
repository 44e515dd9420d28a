import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { ADMIN, programWithHub, type Json } from '../support.js';

describe('hub bank webhooks (bank_association_notification)', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('sends INSERT at association and DELETE at dissociation, the bank as it stood then, signed both ways', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-banks' });
    const created = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['bank_association_notification'] },
    });
    expect(created.status).toBe(201);
    const secret = String((created.body.data as Json).secret);
    const added = await app.request('POST', '/v1/admin/banks', {
      headers: ADMIN,
      body: {
        name: `Banque Hook ${Date.now()}`,
        cardType: 'bank',
        providerCode: 'sandbox',
        country: 'FR',
        authModels: ['redirect'],
      },
    });
    const bank = added.body.data as { id: string; name: string };
    expect((await app.request('PUT', `/v1/hub/banks/${bank.id}`, { headers: hub.program })).status).toBe(200);
    await app.request('PATCH', `/v1/admin/banks/${bank.id}`, { headers: ADMIN, body: { active: false } });
    expect((await app.request('DELETE', `/v1/hub/banks/${bank.id}`, { headers: hub.program })).status).toBe(204);

    const bodies = () =>
      receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
        .filter((b) => (b.bank as Json | undefined)?.id === bank.id);
    await until(() => bodies().length >= 2);
    const ids = {
      event: 'bank_association_notification',
      shoppingHubId: hub.hub.id,
      shoppingHubExternalId: 'mall-banks',
    };
    // Deliveries may arrive in either order; each carries the bank as it stood at its own event.
    const byType = (type: string) => bodies().filter((b) => b.eventType === type);
    expect(byType('INSERT')).toEqual([
      { ...ids, eventType: 'INSERT', bank: { id: bank.id, name: bank.name, active: true } },
    ]);
    expect(byType('DELETE')).toEqual([
      { ...ids, eventType: 'DELETE', bank: { id: bank.id, name: bank.name, active: false } },
    ]);
    const publicKeyPem = await publishedKey(app.baseUrl);
    for (const delivery of receiver.received)
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });
});
