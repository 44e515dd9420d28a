import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../../src/platform/redis.js';
import { WEBHOOK_QUEUE } from '../../../src/projections/webhooks/deliveries/queue.js';
import { lockDurationFor } from '../../../src/workers/webhooks/queue.js';
import { startReceiver, until } from '../../support/receiver.js';
import { memberRegistered, startWebhookProgram, type WebhookProgram } from '../../support/webhook-program.js';

const TIMEOUT_MS = 1_000;

describe('a delivery job whose hand-over to a worker was lost', () => {
  let hub: WebhookProgram;

  beforeAll(async () => {
    hub = await startWebhookProgram('Handover', {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
    });
  });
  afterAll(() => hub.stop());

  it('when Redis moved the job to active and its taker vanished, then the job is given back and delivered once, within twice the lock', async () => {
    const { app, programId } = hub;
    const receiver = await startReceiver();
    const subscriptionId = await hub.subscribe(receiver);
    await app.running.webhooks.stopWorker();
    await app.running.infra.store.append(`member-${randomUUID()}`, [memberRegistered(programId)], {
      expectedRevision: 'no_stream',
    });
    const { queue } = app.running.webhooks;
    await until(async () => (await queue.getJobCountByTypes('wait')) === 1);

    // What a cut connection leaves: the job is active under a lock, and nobody will ever work on it.
    const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { forWorkers: true });
    const taker = new Worker(WEBHOOK_QUEUE, null, {
      connection,
      prefix: queue.opts.prefix,
      lockDuration: lockDurationFor(TIMEOUT_MS),
    });
    const taken = await taker.getNextJob(randomUUID());
    expect(taken?.data).toMatchObject({ attemptBase: 0 });
    connection.disconnect();
    const lostAt = Date.now();
    expect(await queue.getJobCountByTypes('active')).toBe(1);

    await app.running.webhooks.startWorker();
    const delivered = () =>
      app.knex('gs_webhook_deliveries').where({ subscription_id: subscriptionId, status: 'delivered' }).first();
    await until(async () => (await delivered()) !== undefined, 4 * lockDurationFor(TIMEOUT_MS));
    expect(Date.now() - lostAt).toBeLessThan(2 * lockDurationFor(TIMEOUT_MS) + 2_000);
    expect(receiver.received).toHaveLength(1);
    await taker.close(true).catch(() => undefined);
  }, 60_000);
});
