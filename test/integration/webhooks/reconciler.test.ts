import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileDeliveries } from '../../../src/workers/webhooks/reconciler.js';
import type { TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { memberRegistered, startWebhookProgram, type WebhookProgram } from '../../support/webhook-program.js';

describe('the webhook reconciler when Redis loses the queue', () => {
  let hub: WebhookProgram;
  let app: TestApp;
  let programId: string;

  beforeAll(async () => {
    // The backstop stays at its default (30 s): only noticing the loss can bring the jobs back within seconds.
    hub = await startWebhookProgram('Lossy', {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,2s,2s,2s,2s,2s',
    });
    ({ app, programId } = hub);
  });
  afterAll(() => hub.stop());
  const subscribe = (receiver: Receiver) => hub.subscribe(receiver);
  const deliveries = (subscriptionId: string) =>
    app.knex('gs_webhook_deliveries').where({ subscription_id: subscriptionId });
  const count = async (query: Promise<Array<{ count: string }>>) => Number((await query)[0]?.count ?? 0);
  const appendEvents = async (n: number) => {
    for (let i = 0; i < n; i++)
      await app.running.infra.store.append(`member-${randomUUID()}`, [memberRegistered(programId)], {
        expectedRevision: 'no_stream',
      });
  };

  /**
   * What FLUSHDB does to this app, and only to it (the Redis is shared): every key of the webhook queue, the sentinel
   * with them.
   */
  async function loseTheQueue(): Promise<number> {
    const redis = app.running.infra.redis;
    const pattern = `${app.running.webhooks.queue.qualifiedName}:*`;
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  }

  it('when the queue keys vanish while deliveries wait for a retry, then every delivery arrives, the first within 5 s of the loss', async () => {
    let open = false;
    const arrivals: Array<{ at: number; id: string }> = [];
    const receiver = await startReceiver((request) => {
      if (!open) return 503;
      arrivals.push({ at: request.at, id: String(request.headers['webhook-id']) });
      return 200;
    });
    const id = await subscribe(receiver);
    await appendEvents(20);
    await until(async () => (await count(deliveries(id).andWhere('attempts', '>=', 1).count('* as count'))) === 20);

    expect(await loseTheQueue()).toBeGreaterThan(0);
    const lostAt = Date.now();
    open = true;

    await until(
      async () => (await count(deliveries(id).andWhere({ status: 'delivered' }).count('* as count'))) === 20,
      20_000,
    );
    const first = Math.min(...arrivals.map((a) => a.at));
    expect(first - lostAt).toBeLessThan(5000);
    expect(new Set(arrivals.map((a) => a.id)).size).toBe(20);
    await hub.unsubscribe(id);
  });

  it('when two reconcilers run at once over more pending deliveries than a page, then each lost job comes back once, and nothing when none is lost', async () => {
    const receiver = await startReceiver();
    const id = await subscribe(receiver);
    await app.running.webhooks.stopWorker();
    await appendEvents(23);
    await until(async () => (await count(deliveries(id).andWhere({ status: 'pending' }).count('* as count'))) === 23);
    const { queue } = app.running.webhooks;
    await until(async () => (await queue.getJobCountByTypes('wait', 'delayed', 'prioritized')) === 23);
    await loseTheQueue();

    const deps = { knex: app.knex, queue, redis: app.running.infra.redis, tries: 6 };
    const restored = await Promise.all([
      reconcileDeliveries(deps, undefined, 7),
      reconcileDeliveries(deps, undefined, 7),
    ]);
    expect(restored[0] + restored[1]).toBeGreaterThanOrEqual(23);
    expect(await queue.getJobCountByTypes('wait', 'delayed', 'prioritized')).toBe(23);
    expect(await reconcileDeliveries(deps, undefined, 7)).toBe(0);

    await app.running.webhooks.startWorker();
    await until(
      async () => (await count(deliveries(id).andWhere({ status: 'delivered' }).count('* as count'))) === 23,
      15_000,
    );
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(23);
  });
});
