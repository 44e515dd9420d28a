import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase } from '../../support/db.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';
import { lockDurationFor } from '../../../src/workers/webhooks/queue.js';
import { emailOf, WriteLoad } from './write-load.js';

type Json = Record<string, unknown>;

const OUTAGE_MS = 5_000;
const WRITERS = 8;
const WEBHOOK_TIMEOUT_MS = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a PostgreSQL or Redis outage under a write load', () => {
  const rejections: unknown[] = [];
  const noteRejection = (reason: unknown): void => void rejections.push(reason);
  let postgres: TcpProxy;
  let redis: TcpProxy;
  let receiver: Receiver;
  let app: TestApp;
  let headers: Record<string, string>;
  let campaignId: string;
  const acknowledged = new Map<string, string>();

  const delivered = (): Set<string> =>
    new Set(
      receiver.received
        .map((r) => JSON.parse(r.body.toString('utf8')) as { type: string; data: Json })
        .filter((p) => p.type === 'donation.created')
        .map((p) => String(p.data.id)),
    );

  /** Runs the load, takes `proxy`'s server away for OUTAGE_MS, gives it back, and lets the load run on a while. */
  async function outage(proxy: TcpProxy): Promise<{ load: WriteLoad; cutAt: number; restoredAt: number }> {
    const load = new WriteLoad(app, headers, campaignId);
    load.start(WRITERS);
    load.probe(100);
    // The cut comes once writes are seen to succeed, however slowly this machine starts the load.
    await until(() => load.answers.some((a) => a.status === 201), 15_000);
    await sleep(500);
    const cutAt = Date.now();
    await proxy.cut();
    await sleep(OUTAGE_MS);
    await proxy.restore();
    const restoredAt = Date.now();
    await sleep(2_500);
    await load.stop();
    expect(load.pending()).toEqual([]);
    for (const [key, id] of load.acknowledged) acknowledged.set(key, id);
    return { load, cutAt, restoredAt };
  }
  type Outage = Awaited<ReturnType<typeof outage>>;
  /** Each outage runs once per file, whichever test asks for it first, so every test can run alone. */
  const once = (run: () => Promise<Outage>) => {
    let ran: Promise<Outage> | undefined;
    return () => (ran ??= run());
  };
  const postgresOutage = once(() => outage(postgres));
  const redisOutage = once(() => outage(redis));

  beforeAll(async () => {
    process.on('unhandledRejection', noteRejection);
    postgres = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    redis = await startTcpProxy({ host: '127.0.0.1', port: 6379 });
    receiver = await startReceiver();
    app = await startTestApp({
      DATABASE_URL: postgres.through(await createTestDatabase()),
      REDIS_URL: redis.through(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RECONCILE_MS: '1000',
      WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      WEBHOOK_RETRY_SCHEDULE: '0,1s,1s,1s,1s,1s',
      RATE_LIMIT: '1000000',
    });
    const program = (await app.createProgram({ name: 'Outage' })).data as Json;
    headers = { 'Api-Key': String(program.api_key), 'Api-Secret': String(program.api_secret) };
    const campaign = await app.request('POST', '/v1/campaigns', {
      headers,
      body: { title: 'Panne', slug: 'panne', goal: '100000.00' },
    });
    campaignId = String((campaign.body.data as Json).id);
    const subscribed = await app.request('POST', '/v1/webhooks', {
      headers,
      body: { name: 'outage', url: receiver.url, events: ['donation.created'] },
    });
    expect(subscribed.status).toBe(201);
  });
  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    await postgres?.close();
    await redis?.close();
    process.off('unhandledRejection', noteRejection);
  });

  it('when PostgreSQL is cut for 5 s, then the app stays up, answers 503 with Retry-After meanwhile, and writes again within 2 s of its return', async () => {
    const { load, cutAt, restoredAt } = await postgresOutage();
    expect(rejections).toEqual([]);
    expect(
      load.answers
        .filter((a) => a.status === 0 || (a.status >= 500 && a.status !== 503))
        .map((a) => `${a.status} ${String(a.errorName)}`),
    ).toEqual([]);
    const during = load.answers.filter((a) => a.sentAt >= cutAt && a.at < restoredAt);
    expect(during.length).toBeGreaterThan(WRITERS);
    expect(
      during
        .filter((a) => a.status !== 503 || a.errorName !== 'service_unavailable' || a.retryAfter !== '2')
        .map((a) => `${a.status} ${String(a.errorName)}`),
    ).toEqual([]);
    // Bounded by the pools' connection timeout, not by the read-your-writes wait on top of it.
    const unavailable = load.answers.filter((a) => a.status === 503);
    expect(Math.max(...unavailable.map((a) => a.at - a.sentAt))).toBeLessThan(4_000);
    // Measured on fresh keys: a key claimed before the cut stays locked until its lock lapses (see the idempotency
    // middleware).
    const firstAfter = Math.min(...load.answers.filter((a) => a.status === 201 && a.at >= restoredAt).map((a) => a.at));
    expect(firstAfter - restoredAt).toBeLessThan(2_000);
    expect(load.answers.some((a) => a.status === 201 && a.at < cutAt)).toBe(true);
  });

  it('when Redis is cut for 5 s, then writes go on throughout', async () => {
    const { load, cutAt, restoredAt } = await redisOutage();
    expect(rejections).toEqual([]);
    const during = load.answers.filter((a) => a.sentAt >= cutAt && a.at <= restoredAt);
    expect(during.filter((a) => a.status === 201).length).toBeGreaterThan(WRITERS);
    expect(load.answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${String(a.errorName)}`)).toEqual([]);
  });

  it('then every acknowledged donation is readable, once per Idempotency-Key, and its webhook arrived', async () => {
    await postgresOutage();
    await redisOutage();
    const ids = [...acknowledged.values()];
    expect(ids.length).toBeGreaterThan(50);
    for (let i = 0; i < ids.length; i += 16) {
      const answers = await Promise.all(
        ids.slice(i, i + 16).map((id) => app.request('GET', `/v1/donations/${id}`, { headers })),
      );
      expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);
    }
    // Retries of the failed keys never duplicate: one donation per key in the read model.
    const perKey = await app
      .knex('rm_giving_donations')
      .where('email', 'like', '%@outage.example.org')
      .groupBy('email')
      .select<Array<{ email: string; n: string }>>('email', app.knex.raw('count(*) as n'));
    const duplicated = perKey
      .filter((row) => Number(row.n) !== 1)
      .map((row) => `${String(row.email)} ×${String(row.n)}`);
    expect(duplicated).toEqual([]);
    const writersKeys = [...acknowledged.keys()].filter((key) => !key.startsWith('probe'));
    expect(new Set(perKey.map((row) => String(row.email)))).toEqual(new Set(writersKeys.map(emailOf)));
    // A job whose hand-over to the worker was cut stays under its lock until the stalled check gives it back.
    const handoverBound = 2 * lockDurationFor(WEBHOOK_TIMEOUT_MS);
    await until(() => ids.every((id) => delivered().has(id)), handoverBound + 10_000).catch(() => undefined);
    expect(ids.filter((id) => !delivered().has(id))).toEqual([]);
    expect(rejections).toEqual([]);
  });
});
