import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';

describe('what a receiver answers', () => {
  let app: TestApp;
  let credentials: Record<string, string>;
  const receivers: Receiver[] = [];
  beforeAll(async () => {
    app = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,100ms,100ms,100ms,100ms,100ms',
      READ_YOUR_WRITES_TIMEOUT_MS: '30000',
    });
    const program = (await app.createProgram({ name: 'Answers' })).data as { api_key: string; api_secret: string };
    credentials = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
  });
  afterAll(async () => {
    await app.stop();
    await Promise.all(receivers.map((r) => r.close()));
  });

  async function subscribeAndRegister(receiver: Receiver, email: string): Promise<string> {
    receivers.push(receiver);
    const created = await app.request('POST', '/v1/webhooks', {
      headers: credentials,
      body: { url: receiver.url, events: ['member.registered'] },
    });
    expect(created.status).toBe(201);
    const registered = await app.request('POST', '/v1/members', {
      headers: { 'Api-Key': credentials['Api-Key']! },
      body: {
        user: { email, first_name: 'R', last_name: 'A', password: 'password-1', city: 'Bordeaux', zipcode: '33000' },
      },
    });
    expect(registered.status).toBe(201);
    return String((created.body.data as { webhookId: string }).webhookId);
  }

  it('when a receiver answers 410 Gone, then the delivery stops there and the subscription is deactivated', async () => {
    const gone = await startReceiver(() => 410);
    const id = await subscribeAndRegister(gone, 'gone@example.org');
    const inactive = async () =>
      (
        (await app.request('GET', '/v1/webhooks', { headers: credentials })).body.data as Array<{
          id: string;
          active: boolean;
        }>
      ).some((s) => s.id === id && !s.active);
    await until(inactive);
    await new Promise((r) => setTimeout(r, 400));
    expect(gone.received).toHaveLength(1);
    const log = await app.request('GET', `/v1/webhooks/${id}/deliveries`, { headers: credentials });
    expect((log.body.data as Array<{ status: string }>)[0]!.status).toBe('failed');
  });

  it('when a receiver answers 429 with Retry-After, then the next try waits that long, though the schedule says less', async () => {
    // The first answer carries Retry-After: 1 (second); the schedule would retry after 100 ms.
    const retryAfter = await startRetryAfterReceiver();
    receivers.push(retryAfter);
    await subscribeAndRegister(retryAfter, 'busy@example.org');
    await until(() => retryAfter.received.length >= 2, 10_000);
    const [first, second] = retryAfter.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.headers.attemptnumber).toBe('1');
  });
});

async function startRetryAfterReceiver(): Promise<Receiver> {
  const { createServer } = await import('node:http');
  const received: Receiver['received'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: Date.now(), path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) });
      if (received.length === 1) res.writeHead(429, { 'Retry-After': '1' }).end();
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
