import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateSubscription } from '../../../src/commands/webhooks/subscriptions.js';
import { loadSecretBox } from '../../../src/platform/secret-box.js';
import { activeSubscriptionsFor, findSubscription } from '../../../src/projections/webhooks/queries.js';
import { webhookSubscriptionsProjection } from '../../../src/projections/webhooks/subscriptions.js';
import { startTestApp, type Answer, type TestApp } from '../../support/app.js';
import { signedPrograms, type SignedProgram } from '../../support/fixtures/signed-program.js';
import { systemClock } from '../../../src/platform/clock.js';

type Json = Record<string, unknown>;
const PUBLIC_URL = 'https://93.184.215.14/hooks';
const CAP = 5;

describe('webhook subscriptions over HTTP (signed requests)', () => {
  let app: TestApp;
  const { program, call } = signedPrograms(() => app);

  const data = (answer: Answer): Json => answer.body.data as Json;
  const create = (p: SignedProgram, body: Json) => call(p, 'POST', '/v1/webhooks', body);

  beforeAll(async () => {
    app = await startTestApp({
      WEBHOOK_ALLOW_PRIVATE: '',
      WEBHOOK_ALLOW_HTTP: '',
      WEBHOOK_MAX_SUBSCRIPTIONS: String(CAP),
      SECRETS_KEY: '',
      READ_YOUR_WRITES_TIMEOUT_MS: '30000',
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('creates a subscription and answers its whsec_ secret once; the list shows it without the secret', async () => {
    const a = await program('A');
    const created = await create(a, {
      name: 'CRM',
      url: PUBLIC_URL,
      events: ['donation.created', 'member.registered'],
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(0);
    expect(created.headers.get('etag')).toBe('"0"');
    expect(created.headers.get('cache-control')).toBe('no-store');
    const subscription = data(created);
    expect(subscription).toMatchObject({
      name: 'CRM',
      url: PUBLIC_URL,
      events: ['donation.created', 'member.registered'],
      active: true,
    });
    expect(subscription.webhookId).toBe(subscription.id);
    const secret = String(subscription.secret);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);

    const listed = await call(a, 'GET', '/v1/webhooks');
    expect(listed.status).toBe(200);
    expect(listed.body.paging).toEqual({ page: 1, per_page: 20, total: 1 });
    const [first] = listed.body.data as Json[];
    expect(Object.keys(first!).sort()).toEqual(['active', 'created_at', 'events', 'id', 'name', 'updated_at', 'url']);
    expect(first).toMatchObject({
      id: subscription.id,
      name: 'CRM',
      url: PUBLIC_URL,
      events: ['donation.created', 'member.registered'],
      active: true,
    });
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));

    // Neither the events nor the read model hold the secret in clear; the sealed form opens to it.
    const events = await app
      .knex('gs_events')
      .where({ stream_name: `webhooksub-${String(subscription.id)}` })
      .select<{ data: Json; metadata: Json }[]>('data', 'metadata');
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(secret.slice(6));
    const row = await app.knex('rm_webhook_subscriptions').where({ id: subscription.id }).first<Json>();
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    const box = await loadSecretBox(app.knex);
    expect(box.open(String(row.secret_ciphertext))).toBe(secret);
    expect(box.open(String(events[0]!.data.secretCiphertext))).toBe(secret);
  });

  it('updates name, URL, events and active; a repeat records nothing; a stale If-Match is 412', async () => {
    const a = await program('A');
    const id = String(data(await create(a, { url: PUBLIC_URL, events: ['donation.created'] })).id);
    expect((await activeSubscriptionsFor(app.knex, a.id, 'donation.created')).map((s) => s.id)).toContain(id);

    const patched = await call(
      a,
      'PATCH',
      `/v1/webhooks/${id}`,
      { name: 'Ops', url: 'https://93.184.215.14/v2', events: ['donation.refunded'], active: false },
      { 'If-Match': '"0"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(1);
    expect(data(patched)).toMatchObject({
      id,
      name: 'Ops',
      url: 'https://93.184.215.14/v2',
      events: ['donation.refunded'],
      active: false,
    });
    expect(data(patched)).not.toHaveProperty('secret');
    expect((await activeSubscriptionsFor(app.knex, a.id, 'donation.created')).map((s) => s.id)).not.toContain(id);
    expect(await activeSubscriptionsFor(app.knex, a.id, 'donation.refunded')).toEqual([]);

    const again = await call(a, 'PATCH', `/v1/webhooks/${id}`, { name: 'Ops', active: false });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    expect(
      await app
        .knex('gs_events')
        .where({ stream_name: `webhooksub-${id}` })
        .count<{ count: string }[]>({ count: '*' }),
    ).toEqual([{ count: '2' }]);

    const stale = await call(a, 'PATCH', `/v1/webhooks/${id}`, { active: true }, { 'If-Match': '"0"' });
    expect(stale.status).toBe(412);
    const resumed = await call(a, 'PATCH', `/v1/webhooks/${id}`, { active: true }, { 'If-Match': '"1"' });
    expect(resumed.status).toBe(200);
    expect((await activeSubscriptionsFor(app.knex, a.id, 'donation.refunded')).map((s) => s.id)).toEqual([id]);
  });

  it('deletes a subscription (204); it is gone from the list, and a second delete or a patch is 404', async () => {
    const a = await program('A');
    const id = String(data(await create(a, { url: PUBLIC_URL, events: ['contact.created'] })).id);
    const removed = await call(a, 'DELETE', `/v1/webhooks/${id}`);
    expect(removed.status).toBe(204);
    const listed = await call(a, 'GET', '/v1/webhooks');
    expect((listed.body.data as Json[]).map((s) => s.id)).not.toContain(id);
    expect((await call(a, 'DELETE', `/v1/webhooks/${id}`)).status).toBe(404);
    expect((await call(a, 'PATCH', `/v1/webhooks/${id}`, { active: false })).status).toBe(404);
    expect(await activeSubscriptionsFor(app.knex, a.id, 'contact.created')).toEqual([]);
  });

  it("answers 404 for another program's subscription and lists only the program's own", async () => {
    const [a, b] = await Promise.all([program('A'), program('B')]);
    const id = String(data(await create(a, { url: PUBLIC_URL, events: ['use.created'] })).id);
    expect((await call(b, 'PATCH', `/v1/webhooks/${id}`, { active: false })).status).toBe(404);
    expect((await call(b, 'DELETE', `/v1/webhooks/${id}`)).status).toBe(404);
    expect((await call(b, 'PATCH', '/v1/webhooks/not-a-uuid', { active: false })).status).toBe(404);
    const listed = await call(b, 'GET', '/v1/webhooks');
    expect(listed.body.data).toEqual([]);
    expect((await call(a, 'GET', '/v1/webhooks')).body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, active: true })]),
    );
  });

  it('deactivates a subscription (a receiver answered 410): the read model follows, and replayed events change nothing', async () => {
    const [a, b] = await Promise.all([program('A'), program('B')]);
    const id = String(data(await create(a, { url: PUBLIC_URL, events: ['reward_updated'] })).id);
    const context = { tenantId: a.id, actor: 'worker:webhooks' };
    const result = await deactivateSubscription(
      { store: app.running.infra.store, clock: systemClock },
      id,
      'the receiver answered 410 Gone',
      context,
    );
    expect(result.events.map((e) => e.type)).toEqual(['WebhookSubscriptionDeactivated']);
    expect(await app.running.runner.waitFor(result.position!, ['webhook-subscriptions'], 5000)).toBe(true);
    const row = await findSubscription(app.knex, a.id, id);
    expect(row).toMatchObject({ active: false, version: 1 });
    expect(
      (await deactivateSubscription({ store: app.running.infra.store, clock: systemClock }, id, 'again', context))
        .events,
    ).toEqual([]);
    expect(await activeSubscriptionsFor(app.knex, a.id, 'reward_updated')).toEqual([]);

    const recorded = await app.running.infra.store.readStream(`webhooksub-${id}`);
    await app.knex.transaction(async (trx) => {
      for (const event of recorded) await webhookSubscriptionsProjection.apply(trx, event);
    });
    expect(await findSubscription(app.knex, a.id, id)).toEqual(row);
    expect(await findSubscription(app.knex, b.id, id)).toBeUndefined();
  });

  it.each([
    ['a private address', { url: 'http://10.0.0.1/x', events: ['donation.created'] }, 'url'],
    ['a private address over https', { url: 'https://10.0.0.1/x', events: ['donation.created'] }, 'url'],
    ['a host that resolves to loopback', { url: 'https://localhost/x', events: ['donation.created'] }, 'url'],
    ['IPv4-mapped loopback', { url: 'https://[::ffff:127.0.0.1]/x', events: ['donation.created'] }, 'url'],
    ['cloud metadata', { url: 'https://169.254.169.254/latest', events: ['donation.created'] }, 'url'],
    ['plain http', { url: 'http://93.184.215.14/x', events: ['donation.created'] }, 'url'],
    ['a malformed URL', { url: 'not a url', events: ['donation.created'] }, 'url'],
    ['an unknown event', { url: PUBLIC_URL, events: ['donation.created', 'donation.exploded'] }, 'events.1'],
    ['no events', { url: PUBLIC_URL, events: [] }, 'events'],
    ['an unknown field', { url: PUBLIC_URL, events: ['donation.created'], secret: 'mine' }, ''],
  ])('refuses %s with 422 invalid_request naming the field', async (_what, body, field) => {
    const b = await program('B');
    const before = await app
      .knex('gs_events')
      .where('stream_name', 'like', 'webhooksub-%')
      .count<{ count: string }[]>({ count: '*' });
    const answer = await create(b, body);
    expect(answer.status).toBe(422);
    expect(answer.body.error_name).toBe('invalid_request');
    expect((answer.body.details as Json[]).map((d) => d.field)).toContain(field);
    expect(
      await app
        .knex('gs_events')
        .where('stream_name', 'like', 'webhooksub-%')
        .count<{ count: string }[]>({ count: '*' }),
    ).toEqual(before);
  });

  it('refuses localhost because of what it resolves to, not because it fails to resolve', async () => {
    const b = await program('B');
    const answer = await create(b, { url: 'https://localhost/x', events: ['donation.created'] });
    expect(answer.status).toBe(422);
    expect(answer.body.details).toEqual([
      {
        field: 'url',
        message: expect.stringMatching(/resolves to (127\.0\.0\.1|::1), which is not a public address/) as unknown,
      },
    ]);
  });

  it('refuses a PATCH to a private URL or to no events', async () => {
    const b = await program('B');
    const id = String(data(await create(b, { url: PUBLIC_URL, events: ['donation.deleted'] })).id);
    const privateUrl = await call(b, 'PATCH', `/v1/webhooks/${id}`, { url: 'https://192.168.1.10/x' });
    expect(privateUrl.status).toBe(422);
    expect(privateUrl.body.details).toEqual([expect.objectContaining({ field: 'url' })]);
    expect((await call(b, 'PATCH', `/v1/webhooks/${id}`, { events: [] })).status).toBe(422);
    expect((await call(b, 'DELETE', `/v1/webhooks/${id}`)).status).toBe(204);
  });

  it('accepts the other program schemes too (Api-Key + Api-Secret)', async () => {
    const other = (await app.createProgram({ name: 'Keyed' })).data as { api_key: string; api_secret: string };
    const headers = { 'Api-Key': other.api_key, 'Api-Secret': other.api_secret };
    const created = await app.request('POST', '/v1/webhooks', {
      headers,
      body: { url: PUBLIC_URL, events: ['member.registered'] },
    });
    expect(created.status).toBe(201);
    expect((await app.request('GET', '/v1/webhooks', { headers })).body.paging).toMatchObject({ total: 1 });
  });

  it('refuses other credentials than a program’s, and no credentials at all', async () => {
    const a = await program('A');
    expect((await app.request('GET', '/v1/webhooks')).status).toBe(401);
    expect((await app.request('GET', '/v1/webhooks', { headers: { 'Api-Key': a.apiKey } })).status).toBe(401);
  });

  it('caps the subscriptions of a program (WEBHOOK_MAX_SUBSCRIPTIONS) with 422 operation_refused; deleting one makes room', async () => {
    const capped = await program('Capped');
    const ids: string[] = [];
    for (let i = 0; i < CAP; i++) {
      const created = await create(capped, { url: PUBLIC_URL, events: ['offer_updated'] });
      expect(created.status).toBe(201);
      ids.push(String(data(created).id));
    }
    const refused = await create(capped, { url: PUBLIC_URL, events: ['offer_updated'] });
    expect(refused.status).toBe(422);
    expect(refused.body.error_name).toBe('operation_refused');
    expect((await call(capped, 'DELETE', `/v1/webhooks/${ids[0]!}`)).status).toBe(204);
    expect((await create(capped, { url: PUBLIC_URL, events: ['offer_updated'] })).status).toBe(201);
  });
});
