import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { ADMIN, programWithHub, type Json } from '../support.js';

describe('hub bank webhooks (bank_association_notification, bank_status_update)', () => {
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

  /** A bank of its own in the catalogue: flipping the sandbox banks would disturb other test files. */
  const catalogueBank = async (name: string) => {
    const body = { name, cardType: 'bank', providerCode: 'sandbox', country: 'FR', authModels: ['redirect'] };
    const added = await app.request('POST', '/v1/admin/banks', { headers: ADMIN, body });
    expect(added.status).toBe(201);
    return added.body.data as { id: string; name: string };
  };

  it('sends INSERT at association and DELETE at dissociation, the bank as it stood then, signed both ways', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-banks' });
    const created = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['bank_association_notification'] },
    });
    expect(created.status).toBe(201);
    const secret = String((created.body.data as Json).secret);
    const bank = await catalogueBank(`Banque Hook ${Date.now()}`);
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

  it('sends bank_status_update to every hub holding the bank when an operator flips it, once per change', async () => {
    const bank = await catalogueBank(`Banque Statut ${Date.now()}`);
    const secrets = new Map<string, string>();
    const hubs = [];
    for (const externalId of ['mall-status-a', 'mall-status-b', 'mall-status-gone']) {
      const hub = await programWithHub(app, { externalId });
      const hook = await app.request('POST', '/v1/webhooks', {
        headers: hub.program,
        body: { url: receiver.url, events: ['bank_status_update'] },
      });
      secrets.set(String(hub.hub.id), String((hook.body.data as Json).secret));
      expect((await app.request('PUT', `/v1/hub/banks/${bank.id}`, { headers: hub.program })).status).toBe(200);
      hubs.push(hub);
    }
    // The third hub lets the bank go before the change: it hears nothing.
    await app.request('DELETE', `/v1/hub/banks/${bank.id}`, { headers: hubs[2]!.program });
    const off = await app.request('PATCH', `/v1/admin/banks/${bank.id}`, { headers: ADMIN, body: { active: false } });
    expect(off.status).toBe(200);
    // Repeated: no second notice.
    await app.request('PATCH', `/v1/admin/banks/${bank.id}`, { headers: ADMIN, body: { active: false } });

    const deliveries = () =>
      receiver.received.filter((r) => {
        const body = JSON.parse(r.body.toString('utf8')) as Json;
        return body.event === 'bank_status_update' && (body.bank as Json).id === bank.id;
      });
    const bodies = () => deliveries().map((r) => JSON.parse(r.body.toString('utf8')) as Json);
    await until(() => bodies().length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      bodies()
        .map((b) => b.shoppingHubExternalId)
        .sort(),
    ).toEqual(['mall-status-a', 'mall-status-b']);
    expect(bodies()[0]).toMatchObject({ bank: { id: bank.id, name: bank.name, active: false } });
    const publicKeyPem = await publishedKey(app.baseUrl);
    for (const delivery of deliveries()) {
      const hubId = String((JSON.parse(delivery.body.toString('utf8')) as Json).shoppingHubId);
      const secret = secrets.get(hubId)!;
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
    }
  });
});
