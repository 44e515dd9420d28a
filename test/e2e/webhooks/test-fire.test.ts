import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENT_NAMES } from '../../../src/domain/webhooks/event-names.js';
import { parseWebhookPayload } from '../../../src/http/webhooks/payloads/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';

/**
 * `donation.created` → `donationCreated`, `bank_connections_update_v2` → `bankConnectionsUpdateV2`, as the route's path
 * names them.
 */
const camelCase = (name: string): string =>
  name
    .split(/[._]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');

describe('test-fire: POST /v1/admin/webhook/:camelCaseEventName', () => {
  let app: TestApp;
  let receiver: Receiver;
  let credentials: Record<string, string>;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', READ_YOUR_WRITES_TIMEOUT_MS: '30000' });
    const program = (await app.createProgram({ name: 'Samples' })).data as { api_key: string; api_secret: string };
    credentials = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const created = await app.request('POST', '/v1/webhooks', {
      headers: credentials,
      body: { url: receiver.url, events: [...WEBHOOK_EVENT_NAMES] },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it.each(WEBHOOK_EVENT_NAMES.map((name) => [name]))(
    'sends a sample of %s that matches its seed schema, signed',
    async (name) => {
      const before = receiver.received.length;
      const fired = await app.request('POST', `/v1/admin/webhook/${camelCase(name)}`, { headers: credentials });
      expect(fired.status).toBe(202);
      await until(() => receiver.received.length > before);
      const arrived = receiver.received.at(-1)!;
      expect(() => parseWebhookPayload(name, JSON.parse(arrived.body.toString('utf8')))).not.toThrow();
      expect(arrived.headers.signature).toEqual(expect.any(String));
      expect(arrived.headers['webhook-signature']).toMatch(/^v1,/);
    },
  );
});
