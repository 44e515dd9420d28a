import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../support/webhook-signature.js';
import { programWithHub, type Json } from './support.js';

describe('hub customer webhooks (customer_creation, customer_subscription deletion)', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', SMS_SANDBOX_CODE: '123456' });
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('sends customer_creation at registration and customer_subscription deletion at deletion, signed both ways', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-9' });
    const created = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['customer_creation', 'customer_subscription'] },
    });
    expect(created.status).toBe(201);
    const secret = String((created.body.data as Json).secret);
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber: '698765432', countryCode: 33, customerExternalId: 'cust-9' },
    });
    expect(registered.status).toBe(201);
    const customerId = (registered.body.data as Json).customerId as string;
    const bodies = () =>
      receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as Json)
        .filter((b) => b.customerId === customerId);
    await until(() => bodies().some((b) => b.event === 'customer_creation'));
    expect(bodies().find((b) => b.event === 'customer_creation')).toEqual({
      event: 'customer_creation',
      customerId,
      customerExternalId: 'cust-9',
      shoppingHubId: hub.hub.id,
      shoppingHubExternalId: 'mall-9',
    });
    const deleted = await app.request('DELETE', `/v1/hub/customers/${customerId}`, { headers: hub.program });
    expect(deleted.status).toBe(204);
    await until(() => bodies().some((b) => b.event === 'customer_subscription'));
    expect(bodies().find((b) => b.event === 'customer_subscription')).toMatchObject({
      status: 'deletion',
      customerId,
      customerExternalId: 'cust-9',
      shoppingHubId: hub.hub.id,
    });
    const publicKeyPem = await publishedKey(app.baseUrl);
    for (const delivery of receiver.received)
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });
});
