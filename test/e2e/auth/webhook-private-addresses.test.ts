import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';

/**
 * WEBHOOK_ALLOW_PRIVATE is read when a delivery is attempted, not frozen into the
 * subscription: one made on a loopback receiver while it was allowed gets nothing
 * once the process runs with it off (the same database, started again).
 */
describe('a subscription on a private address, after private addresses are turned off', () => {
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  let receiver: Receiver;
  let credentials: Record<string, string>;
  let subscriptionId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    first = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', READ_YOUR_WRITES_TIMEOUT_MS: '30000' });
    const program = (await first.createProgram({ name: 'Loopback' })).data as { api_key: string; api_secret: string };
    credentials = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const created = await first.request('POST', '/v1/webhooks', {
      headers: credentials,
      body: { url: receiver.url, events: ['donation.created'] },
    });
    expect(created.status).toBe(201);
    subscriptionId = (created.body.data as { webhookId: string }).webhookId;
    const fired = await first.request('POST', '/v1/admin/webhook/donationCreated', { headers: credentials });
    expect(fired.status).toBe(202);
    await until(() => receiver.received.length === 1);
    const { databaseUrl } = first;
    await first.stop();
    first = undefined;
    second = await startTestApp({
      DATABASE_URL: databaseUrl,
      WEBHOOK_ALLOW_PRIVATE: 'false',
      READ_YOUR_WRITES_TIMEOUT_MS: '30000',
    });
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await receiver.close();
  });

  it('when an event is sent, then the attempt fails as refused and is logged, and nothing arrives', async () => {
    const app = second!;
    const fired = await app.request('POST', '/v1/admin/webhook/donationCreated', { headers: credentials });
    expect(fired.status).toBe(202);
    const attempts = () =>
      app.knex('gs_webhook_attempts').whereNotNull('error').orderBy('started_at').pluck<string[]>('error');
    await until(async () => (await attempts()).length > 0);
    expect((await attempts())[0]).toMatch(/^refused: 127\.0\.0\.1 /);
    const log = await app.request('GET', `/v1/webhooks/${subscriptionId}/deliveries`, { headers: credentials });
    expect(log.status).toBe(200);
    const refused = (
      log.body.data as Array<{ attempts_log: Array<{ status_code: number | null; error: string | null }> }>
    )
      .flatMap((d) => d.attempts_log)
      .filter((a) => a.error);
    expect(refused[0]).toMatchObject({ status_code: null, error: expect.stringMatching(/^refused/) as unknown });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(1);
  });
});
