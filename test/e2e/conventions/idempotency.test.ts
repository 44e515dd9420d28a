import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import type { Knex } from 'knex';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonBody } from '../../../src/http/conventions/body.js';
import { sendResource } from '../../../src/http/conventions/envelope.js';
import { contentNegotiation } from '../../../src/http/conventions/negotiation.js';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { idempotency } from '../../../src/http/idempotency/middleware.js';
import { IdempotencyStore } from '../../../src/http/idempotency/store.js';
import { requestId } from '../../../src/http/request-id.js';
import { createKnex } from '../../../src/platform/db.js';
import { createLogger } from '../../../src/platform/logger.js';
import { listen, type Listening } from '../../support/app.js';
import { createTestDatabase } from '../../support/db.js';

/**
 * A creating POST of the shape the API's routes have, on the real middleware,
 * a real PostgreSQL (with the app's migrations) and a real HTTP server.
 */
const thingSchema = z.object({
  name: z.string().min(1),
  delay_ms: z.number().int().min(0).max(2000).optional(),
  explode: z.boolean().optional(),
});

let knex: Knex;
let server: Listening;

function buildApp(): express.Express {
  const app = express();
  app.use(requestId, contentNegotiation(), jsonBody());
  // Stands in for authentication, which sets the program of the credential.
  app.use((req, res, next) => {
    const program = req.get('X-Test-Program');
    if (program) res.locals.programId = program;
    next();
  });
  const create: express.RequestHandler = async (req, res) => {
    const input = thingSchema.parse(req.body);
    if (input.delay_ms) await sleep(input.delay_ms);
    if (input.explode) throw new Error('boom');
    const [row] = await knex<{ id: string; name: string }>('test_things')
      .insert({ id: randomUUID(), name: input.name })
      .returning(['id', 'name']);
    res.location(`/v1/things/${row!.id}`);
    sendResource(res, row, 0, 201);
  };
  app.post('/v1/things', idempotency({ knex, lockMs: 30_000 }), create);
  // A short lock kept by a fast heartbeat: what production does at 10 s and 3 s.
  app.post('/v1/short-lock/things', idempotency({ knex, lockMs: 400, heartbeatMs: 100 }), create);
  app.use(notFoundHandler);
  app.use(errorHandler(createLogger('silent')));
  return app;
}

beforeAll(async () => {
  knex = createKnex(await createTestDatabase());
  await knex.schema.createTable('test_things', (t) => {
    t.uuid('id').primary();
    t.text('name').notNullable();
  });
  server = await listen(buildApp());
});

afterAll(async () => {
  await server?.close();
  await knex?.destroy();
});

beforeEach(async () => {
  await knex('test_things').delete();
});

function post(body: unknown, headers: Record<string, string> = {}, path = '/v1/things'): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const things = async (): Promise<number> =>
  Number((await knex('test_things').count<{ count: string }[]>('* as count'))[0]!.count);
interface KeyRow {
  key: string;
  created_at: Date | Knex.Raw;
  scope: string;
  status: string;
  fingerprint: string;
  response_status: number | null;
}
const keyRows = (key: string) => knex<KeyRow>('gs_idempotency_keys').where({ key });

describe('Idempotency-Key on a creating POST', () => {
  it('when the same key and body come again, then the first answer is replayed and nothing new is created', async () => {
    const key = randomUUID();
    const first = await post({ name: 'alpha' }, { 'Idempotency-Key': key });
    const firstBody = await first.text();
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const again = await post({ name: 'alpha' }, { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('etag')).toBe('"0"');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await things()).toBe(1);

    const [row] = await keyRows(key);
    expect(row).toMatchObject({ scope: 'anonymous', status: 'completed', response_status: 201 });
    expect(row!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when the same key comes with another body, then 409 conflict', async () => {
    const key = randomUUID();
    expect((await post({ name: 'alpha' }, { 'Idempotency-Key': key })).status).toBe(201);
    const other = await post({ name: 'beta' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error_name: 'conflict' });
    expect(await things()).toBe(1);
  });

  it('when the same key comes while the first request still runs, then 409 conflict, and the first completes', async () => {
    const key = randomUUID();
    const slow = post({ name: 'slow', delay_ms: 800 }, { 'Idempotency-Key': key });
    for (let i = 0; i < 100 && (await keyRows(key)).length === 0; i++) await sleep(10);
    expect((await keyRows(key))[0]?.status).toBe('in_progress');
    const meanwhile = await post({ name: 'slow', delay_ms: 800 }, { 'Idempotency-Key': key });
    expect(meanwhile.status).toBe(409);
    expect(await meanwhile.json()).toMatchObject({ error_name: 'conflict' });
    expect((await slow).status).toBe(201);
    expect(await things()).toBe(1);
  });

  it('when the first request runs past its short lock, then its heartbeat keeps the key: the same key meanwhile is 409', async () => {
    const key = randomUUID();
    const body = { name: 'long', delay_ms: 1500 };
    const slow = post(body, { 'Idempotency-Key': key }, '/v1/short-lock/things');
    await sleep(1000);
    const meanwhile = await post(body, { 'Idempotency-Key': key }, '/v1/short-lock/things');
    expect(meanwhile.status).toBe(409);
    expect((await slow).status).toBe(201);
    expect(await things()).toBe(1);
  });

  it('when the holder of a key stops beating (a crash), then the key is taken over once its short lock lapses', async () => {
    const key = randomUUID();
    const claimed = await new IdempotencyStore(knex).claim('anonymous', key, 'crashed-holder', 400);
    expect(claimed.kind).toBe('acquired');
    expect((await post({ name: 'at once' }, { 'Idempotency-Key': key }, '/v1/short-lock/things')).status).toBe(409);
    await sleep(500);
    const retried = await post({ name: 'after the crash' }, { 'Idempotency-Key': key }, '/v1/short-lock/things');
    expect(retried.status).toBe(201);
    expect((await keyRows(key))[0]?.status).toBe('completed');
  });

  it('when two requests with the same key arrive together, then exactly one 201 and one 409, and one resource', async () => {
    const key = randomUUID();
    const body = { name: 'race', delay_ms: 300 };
    const responses = await Promise.all([
      post(body, { 'Idempotency-Key': key }),
      post(body, { 'Idempotency-Key': key }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await things()).toBe(1);
  });

  it('when validation refuses the request, then nothing is stored and the corrected request goes through with the same key', async () => {
    const key = randomUUID();
    const refused = await post({ name: '' }, { 'Idempotency-Key': key });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'name' }] });
    expect(await keyRows(key)).toHaveLength(0);

    const corrected = await post({ name: 'fixed' }, { 'Idempotency-Key': key });
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    expect(await things()).toBe(1);
  });

  it('when the body is not JSON, then 400 and the key stays free', async () => {
    const key = randomUUID();
    expect((await post('{"name":', { 'Idempotency-Key': key })).status).toBe(400);
    expect(await keyRows(key)).toHaveLength(0);
  });

  it('when the handler fails with a 500, then the key is released for a retry', async () => {
    const key = randomUUID();
    const failed = await post({ name: 'x', explode: true }, { 'Idempotency-Key': key });
    expect(failed.status).toBe(500);
    expect(await keyRows(key)).toHaveLength(0);
    const retried = await post({ name: 'x', explode: true }, { 'Idempotency-Key': key });
    expect(retried.status).toBe(500);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('when the key is longer than 255 characters, then 400 bad_request; 255 is fine', async () => {
    const tooLong = await post({ name: 'a' }, { 'Idempotency-Key': 'k'.repeat(256) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ error_name: 'bad_request' });
    expect((await post({ name: 'a' }, { 'Idempotency-Key': 'k'.repeat(255) })).status).toBe(201);
  });

  it('when two programs use the same key, then each gets its own answer', async () => {
    const key = randomUUID();
    const a = await post({ name: 'same' }, { 'Idempotency-Key': key, 'X-Test-Program': 'prog-a' });
    const b = await post({ name: 'same' }, { 'Idempotency-Key': key, 'X-Test-Program': 'prog-b' });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect(await things()).toBe(2);
    expect((await keyRows(key)).map((r) => r.scope).sort()).toEqual(['prog-a:api_key:prog-a', 'prog-b:api_key:prog-b']);
  });

  it('when no key is sent, then every POST creates', async () => {
    await post({ name: 'one' });
    await post({ name: 'one' });
    expect(await things()).toBe(2);
  });

  it('when a key is older than 24 h, then the cleanup deletes it and the key can be used again', async () => {
    const key = randomUUID();
    expect((await post({ name: 'old' }, { 'Idempotency-Key': key })).status).toBe(201);
    await keyRows(key).update({ created_at: knex.raw("now() - interval '25 hours'") });
    const fresh = randomUUID();
    expect((await post({ name: 'fresh' }, { 'Idempotency-Key': fresh })).status).toBe(201);

    expect(await new IdempotencyStore(knex).purgeExpired()).toBe(1);
    expect(await keyRows(key)).toHaveLength(0);
    expect(await keyRows(fresh)).toHaveLength(1);
    const reused = await post({ name: 'other body' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(201);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
  });

  it('when an expired key was not cleaned up yet, then a new request takes it over', async () => {
    const key = randomUUID();
    expect((await post({ name: 'old' }, { 'Idempotency-Key': key })).status).toBe(201);
    await keyRows(key).update({ created_at: knex.raw("now() - interval '25 hours'") });
    const reused = await post({ name: 'new body' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(201);
    expect(reused.headers.get('idempotent-replayed')).toBeNull();
    expect(await things()).toBe(2);
  });
});
