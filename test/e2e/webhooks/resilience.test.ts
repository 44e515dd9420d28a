import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { memberRegistered, startWebhookProgram, type WebhookProgram } from '../../support/webhook-program.js';

const registered = (programId: string, n: number) => memberRegistered(programId, `m${n}@example.org`);

describe('webhook delivery under load and failure', () => {
  let hub: WebhookProgram;
  let app: TestApp;
  let programId: string;
  beforeAll(async () => {
    hub = await startWebhookProgram('Load', {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_SCHEDULE: '0,200ms,200ms,200ms,200ms,200ms',
      WEBHOOK_TIMEOUT_MS: '1500',
      WEBHOOK_RECONCILE_MS: '300',
    });
    ({ app, programId } = hub);
  });
  afterAll(() => hub.stop());
  const subscribe = (receiver: Receiver) => hub.subscribe(receiver);
  const unsubscribe = (id: string) => hub.unsubscribe(id);

  it('when one receiver sleeps past the timeout, then it gets no parallel duplicate, and a fast receiver beside it is served within a second', async () => {
    const slow = await startReceiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 3000)));
    const fast = await startReceiver();
    const ids = [await subscribe(slow), await subscribe(fast)];
    const started = Date.now();
    await app.running.infra.store.append(`member-${randomUUID()}`, [registered(programId, 0)], {
      expectedRevision: 'no_stream',
    });
    await until(() => fast.received.length >= 1);
    expect(Date.now() - started).toBeLessThan(1000);
    await until(() => slow.received.length >= 2, 10_000);
    // The timed-out attempt and its retry came one after the other, never side by side.
    const [first, second] = slow.received;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1400);
    expect(second!.headers.attemptnumber).toBe('1');
    for (const id of ids) await unsubscribe(id);
  });

  it('when Redis loses the queue in the middle of a run, then the reconciler brings every pending delivery back', async () => {
    let open = false;
    const flaky = await startReceiver(() => (open ? 200 : 503));
    const id = await subscribe(flaky);
    for (let n = 1; n <= 20; n++)
      await app.running.infra.store.append(`member-${randomUUID()}`, [registered(programId, n)], {
        expectedRevision: 'no_stream',
      });
    await until(
      async () =>
        Number(
          (
            await app
              .knex('gs_webhook_deliveries')
              .where({ subscription_id: id })
              .count<{ count: string }[]>('* as count')
          )[0]!.count,
        ) === 20,
    );
    const queue = app.running.webhooks.queue;
    await queue.obliterate({ force: true });
    open = true;
    await until(
      async () =>
        Number(
          (
            await app
              .knex('gs_webhook_deliveries')
              .where({ subscription_id: id, status: 'delivered' })
              .count<{ count: string }[]>('* as count')
          )[0]!.count,
        ) === 20,
      20_000,
    );
    const bodies = new Set(
      flaky.received.filter((r) => r.headers['webhook-sequence']).map((r) => r.headers['webhook-id']),
    );
    expect(bodies.size).toBe(20);
    await unsubscribe(id);
  });

  it('when the worker is closed in the middle of a run and started again, then every delivery arrives at least once', async () => {
    const receiver = await startReceiver(() => new Promise((resolve) => setTimeout(() => resolve(200), 20)));
    const id = await subscribe(receiver);
    for (let n = 0; n < 60; n++)
      await app.running.infra.store.append(`member-${randomUUID()}`, [registered(programId, 2000 + n)], {
        expectedRevision: 'no_stream',
      });
    await until(() => receiver.received.length >= 5);
    await app.running.webhooks.stopWorker();
    const duringStop = receiver.received.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.length).toBe(duringStop);
    await app.running.webhooks.startWorker();
    await until(
      async () =>
        Number(
          (
            await app
              .knex('gs_webhook_deliveries')
              .where({ subscription_id: id, status: 'delivered' })
              .count<{ count: string }[]>('* as count')
          )[0]!.count,
        ) === 60,
      20_000,
    );
    const sequences = new Set(receiver.received.map((r) => Number(r.headers['webhook-sequence'])));
    expect([...sequences].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    await unsubscribe(id);
  });

  it('when 1,000 events go to 3 subscriptions, then 3,000 deliveries are acknowledged, numbered 1…1000 per subscription without a gap', async () => {
    const three = [await startReceiver(), await startReceiver(), await startReceiver()];
    const ids = await Promise.all(three.map((r) => subscribe(r)));
    for (let n = 0; n < 1000; n += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          app.running.infra.store.append(`member-${randomUUID()}`, [registered(programId, 100 + n + k)], {
            expectedRevision: 'no_stream',
          }),
        ),
      );
    }
    await until(
      async () =>
        Number(
          (
            await app
              .knex('gs_webhook_deliveries')
              .whereIn('subscription_id', ids)
              .andWhere({ status: 'delivered' })
              .count<{ count: string }[]>('* as count')
          )[0]!.count,
        ) === 3000,
      60_000,
    );
    for (const id of ids) {
      const sequences = await app
        .knex('gs_webhook_deliveries')
        .where({ subscription_id: id })
        .orderBy('sequence')
        .pluck<string[]>('sequence');
      expect(sequences.map(Number)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    }
    for (const receiver of three) {
      const sequences = new Set(receiver.received.map((r) => Number(r.headers['webhook-sequence'])));
      expect(sequences.size).toBe(1000);
    }
  });
});
