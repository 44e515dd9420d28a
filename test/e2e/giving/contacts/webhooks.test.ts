import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The app first: it loads the OpenAPI registry, which must extend zod before the payload schemas are built.
import { startTestApp, type TestApp } from '../../../support/app.js';
import { contactResource, givingPayloadSchemas } from '../../../../src/http/webhooks/payloads/giving.js';
import { startReceiver, until, type Receiver } from '../../../support/receiver.js';

type Json = Record<string, unknown>;

describe('contact webhooks', () => {
  let app: TestApp;
  let receiver: Receiver;
  let headers: Record<string, string>;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' });
    const program = (await app.createProgram({ name: 'Contact hooks' })).data as {
      api_key: string;
      api_secret: string;
    };
    headers = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const subscribed = await app.request('POST', '/v1/webhooks', {
      headers,
      body: { name: 'contacts', url: receiver.url, events: ['contact.created', 'contact.deleted'] },
    });
    expect(subscribed.status).toBe(201);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const payloads = () =>
    receiver.received.map(
      (r) => JSON.parse(r.body.toString('utf8')) as { id: string; type: string; created_at: string; data: Json },
    );

  it('sends contact.created with the contact as the API shows it, and contact.deleted with the contact as it last was', async () => {
    const created = await app.request('POST', '/v1/contacts', {
      headers,
      body: {
        first_name: 'Camille',
        last_name: 'Durand',
        email: 'camille@example.org',
        address: { city: 'Bordeaux', country: 'FR' },
      },
    });
    expect(created.status).toBe(201);
    const contact = created.body.data as Json;
    await until(() => receiver.received.length >= 1);
    const [first] = payloads();
    expect(() => givingPayloadSchemas['contact.created'].parse(first)).not.toThrow();
    expect(first).toMatchObject({ type: 'contact.created', data: contact });

    const tag = (await app.request('POST', '/v1/tags', { headers, body: { name: 'Mécène' } })).body.data as Json;
    await app.request('PUT', `/v1/contacts/${String(contact.id)}/tags/${String(tag.id)}`, { headers });
    const lastSeen = (await app.request('GET', `/v1/contacts/${String(contact.id)}`, { headers })).body.data as Json;
    expect((await app.request('DELETE', `/v1/contacts/${String(contact.id)}`, { headers })).status).toBe(204);
    await until(() => receiver.received.length >= 2);
    const deleted = payloads()[1]!;
    expect(() => givingPayloadSchemas['contact.deleted'].parse(deleted)).not.toThrow();
    expect(contactResource.parse(deleted.data)).toEqual(lastSeen);
    expect(deleted.data.tags).toEqual([{ id: tag.id, name: 'Mécène' }]);
    expect(deleted.id).not.toBe(first!.id);
  });
});
