import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Received, type Receiver } from '../../support/receiver.js';
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

  /** Verified as seed 004 says with openssl on the exact bytes, and with the standardwebhooks package. */
  async function verify(delivery: Received, secret: string) {
    const dir = mkdtempSync(join(tmpdir(), 'gs-hub-hook-'));
    writeFileSync(join(dir, 'public.pem'), await (await fetch(`${app.baseUrl}/v1/webhooks/public-key`)).text());
    writeFileSync(
      join(dir, 'signed'),
      Buffer.concat([
        Buffer.from(`${String(delivery.headers['expires-at'])}|${receiver.url}|`),
        delivery.body,
        Buffer.from('|'),
      ]),
    );
    writeFileSync(join(dir, 'signature'), Buffer.from(String(delivery.headers.signature), 'base64'));
    const out = execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(dir, 'public.pem'),
      '-signature',
      join(dir, 'signature'),
      join(dir, 'signed'),
    ]);
    expect(out.toString().trim()).toBe('Verified OK');
    const headers = Object.fromEntries(
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(delivery.headers[h])]),
    );
    expect(() => new Webhook(secret).verify(delivery.body.toString('utf8'), headers)).not.toThrow();
  }

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
    for (const delivery of receiver.received) await verify(delivery, secret);
  });
});
