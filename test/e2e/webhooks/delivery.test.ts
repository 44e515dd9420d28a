import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformKey } from '../../../src/platform/signing-key.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { verifyDelivery } from '../../support/webhook-signature.js';

describe('webhook delivery', () => {
  let app: TestApp;
  let receiver: Receiver;
  let credentials: Record<string, string>;
  let secret: string;
  beforeAll(async () => {
    receiver = await startReceiver((_request, count) => (count <= 2 ? 500 : 200));
    app = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,300ms,600ms,1s,1s,1s',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    const program = (await app.createProgram({ name: 'Hooks' })).data as { api_key: string; api_secret: string };
    credentials = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const created = await app.request('POST', '/v1/webhooks', {
      headers: credentials,
      body: { name: 'members', url: receiver.url, events: ['member.registered'] },
    });
    expect(created.status).toBe(201);
    secret = String((created.body.data as { secret: string }).secret);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  /**
   * The first member's registration, delivered on the third try (the receiver answers 500 twice); once per file, for
   * whichever test needs it first.
   */
  let firstDelivery: Promise<Awaited<ReturnType<TestApp['request']>>> | undefined;
  const registeredAndDelivered = () =>
    (firstDelivery ??= (async () => {
      const registered = await app.request('POST', '/v1/members', {
        headers: { 'Api-Key': credentials['Api-Key']! },
        body: {
          user: {
            email: 'hook@example.org',
            first_name: 'Web',
            last_name: 'Hook',
            password: 'password-1',
            city: 'Bordeaux',
            zipcode: '33000',
          },
        },
      });
      expect(registered.status).toBe(201);
      await until(() => receiver.received.length >= 3);
      await until(
        async () =>
          (await app.knex('gs_webhook_deliveries').first<{ status: string }>('status')).status === 'delivered',
      );
      return registered;
    })());

  it('when the receiver answers 500, 500, then 200, then three attempts arrive on schedule with AttemptNumber 0, 1, 2 and one webhook-id', async () => {
    const registered = await registeredAndDelivered();
    const [first, second, third] = receiver.received;
    expect([first, second, third].map((r) => r!.headers.attemptnumber)).toEqual(['0', '1', '2']);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(280);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(580);
    expect(third!.headers['webhook-sequence']).toBe('1');
    const payload = JSON.parse(third!.body.toString('utf8')) as { type: string; data: { id: string; email: string } };
    expect(payload).toMatchObject({
      type: 'member.registered',
      data: { id: (registered.body.data as { id: string }).id, email: 'hook@example.org' },
    });
    expect(third!.body.toString('utf8')).not.toMatch(/password|scrypt/);

    const row = () =>
      app.knex('gs_webhook_deliveries').first<{ status: string; attempts: number }>('status', 'attempts');
    await until(async () => (await row()).status === 'delivered');
    expect(await row()).toMatchObject({ status: 'delivered', attempts: 3 });
    const attempts = await app.knex('gs_webhook_attempts').orderBy('attempt_number').pluck<number[]>('status_code');
    expect(attempts).toEqual([500, 500, 200]);
  });

  it('signs as seed 004 says (verified with openssl on the exact bytes) and as Standard Webhooks says (verified with standardwebhooks)', async () => {
    await registeredAndDelivered();
    const delivery = receiver.received.at(-1)!;
    const key = await loadPlatformKey(app.knex);
    const published = await fetch(`${app.baseUrl}/v1/webhooks/public-key`);
    expect(published.headers.get('content-type')).toMatch(/application\/x-pem-file/);
    // Verified with the key as a subscriber gets it: from the published route.
    const publicKeyPem = await published.text();
    expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });
    expect(Number(delivery.headers['expires-at']) - Date.now() / 1000).toBeLessThanOrEqual(61);
    expect(delivery.headers['signature-key-id']).toBe(key.kid);

    // A body changed on the way fails both checks.
    const tampered = { ...delivery, body: Buffer.from(delivery.body.toString('utf8').replace('hook@', 'hack@')) };
    const verdict = verifyDelivery(tampered, { receiverUrl: receiver.url, publicKeyPem, secret });
    expect(verdict.standardOk).toBe(false);
    expect(verdict.openssl).not.toBe('Verified OK');
  });

  it('publishes the key as a JWK with its kid too', async () => {
    const answer = await app.request('GET', '/v1/webhooks/public-key', { headers: { Accept: 'application/json' } });
    const key = await loadPlatformKey(app.knex);
    expect(answer.body.data).toMatchObject({
      kid: key.kid,
      pem: key.publicKeyPem,
      jwk: { kty: 'RSA', kid: key.kid, alg: 'RS256' },
    });
  });

  it('logs every attempt, redelivers one by hand with the same webhook-id, and test-fires a seed sample', async () => {
    await registeredAndDelivered();
    const list = await app.request('GET', '/v1/webhooks', { headers: credentials });
    const subscriptionId = String((list.body.data as Array<{ id: string }>)[0]!.id);
    const log = await app.request('GET', `/v1/webhooks/${subscriptionId}/deliveries?status=delivered`, {
      headers: credentials,
    });
    expect(log.status).toBe(200);
    const [delivery] = log.body.data as Array<{
      id: string;
      sequence: number;
      attempts_log: Array<{ status_code: number }>;
    }>;
    expect(delivery!.sequence).toBe(1);
    expect(delivery!.attempts_log.map((a) => a.status_code)).toEqual([500, 500, 200]);
    expect(
      (await app.request('GET', `/v1/webhooks/${subscriptionId}/deliveries?status=failed`, { headers: credentials }))
        .body.paging,
    ).toMatchObject({ total: 0 });

    const before = receiver.received.length;
    expect(
      (await app.request('POST', `/v1/webhook-deliveries/${delivery!.id}/redeliver`, { headers: credentials })).status,
    ).toBe(202);
    await until(() => receiver.received.length > before);
    const again = receiver.received.at(-1)!;
    expect(again.headers['webhook-id']).toBe(delivery!.id);
    expect(again.headers.attemptnumber).toBe('3');

    expect(
      (
        await app.request('PATCH', `/v1/webhooks/${subscriptionId}`, {
          headers: credentials,
          body: { events: ['member.registered', 'customer_transactions'] },
        })
      ).status,
    ).toBe(200);
    const fired = await app.request('POST', '/v1/admin/webhook/customerTransactions', { headers: credentials });
    expect(fired.status).toBe(202);
    await until(() => receiver.received.some((r) => r.body.toString().includes('"customer_transactions"')));
    const sample = JSON.parse(
      receiver.received.find((r) => r.body.toString().includes('"customer_transactions"'))!.body.toString(),
    ) as { event: string; transactions: unknown[] };
    expect(sample.event).toBe('customer_transactions');
    expect(sample.transactions.length).toBeGreaterThan(1);
    expect((await app.request('POST', '/v1/admin/webhook/noSuchEvent', { headers: credentials })).status).toBe(404);
  });

  it('keeps an exhausted delivery as failed, and sends every failed one again on request', async () => {
    let healthy = false;
    const down = await startReceiver(() => (healthy ? 200 : 500));
    try {
      const created = await app.request('POST', '/v1/webhooks', {
        headers: credentials,
        body: { url: down.url, events: ['member.registered'] },
      });
      const id = String((created.body.data as { webhookId: string }).webhookId);
      const since = new Date(Date.now() - 1000).toISOString();
      await app.request('POST', '/v1/members', {
        headers: { 'Api-Key': credentials['Api-Key']! },
        body: {
          user: {
            email: 'down@example.org',
            first_name: 'D',
            last_name: 'Own',
            password: 'password-1',
            city: 'Bordeaux',
            zipcode: '33000',
          },
        },
      });
      const failed = async () =>
        (await app.request('GET', `/v1/webhooks/${id}/deliveries?status=failed`, { headers: credentials })).body
          .paging as { total: number };
      await until(async () => (await failed()).total >= 1, 20_000);
      expect(down.received.map((r) => r.headers.attemptnumber)).toEqual(['0', '1', '2', '3', '4', '5']);
      healthy = true;
      const redelivered = await app.request('POST', `/v1/webhooks/${id}/redeliver-failed`, {
        headers: credentials,
        body: { since },
      });
      expect(redelivered.body.data).toMatchObject({ redelivered: 1 });
      await until(() => down.received.length >= 7);
      expect(down.received.at(-1)!.headers.attemptnumber).toBe('6');
    } finally {
      await down.close();
    }
  });
});
