import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptRecorder } from '../../../src/projections/webhooks/deliveries/attempts.js';
import { pendingWithTargetReader } from '../../../src/projections/webhooks/deliveries/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

describe('the webhook worker’s statements, one per turn of the event loop', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  const subscriptionId = randomUUID();
  const deliveries = [randomUUID(), randomUUID(), randomUUID()];
  beforeAll(async () => {
    infra = await openTestInfra();
    const now = new Date();
    await infra.knex('rm_webhook_subscriptions').insert({
      id: subscriptionId,
      program_id: programId,
      name: null,
      url: 'https://example.org/hook',
      events: ['member.registered'],
      active: true,
      secret_ciphertext: 'sealed',
      created_at: now,
      updated_at: now,
      version: 0,
      deleted: false,
    });
    await infra.knex('gs_webhook_deliveries').insert(
      deliveries.map((id, i) => ({
        id,
        program_id: programId,
        subscription_id: subscriptionId,
        sequence: i + 1,
        event_name: 'member.registered',
        source_event_id: randomUUID(),
        body: `{"n":${i}}`,
        status: i === 2 ? 'delivered' : 'pending',
      })),
    );
  });
  afterAll(async () => {
    await infra.close();
  });

  it('when jobs ask within one turn of the event loop, then one statement answers them all, each its own delivery, and a delivered one is not pending', async () => {
    const read = pendingWithTargetReader(infra.knex);
    let statements = 0;
    const count = (): void => void statements++;
    infra.knex.on('query', count);
    const unknown = randomUUID();
    const found = await Promise.all(
      [deliveries[0]!, deliveries[1]!, deliveries[2]!, deliveries[0]!, unknown].map((id) => read(id)),
    );
    infra.knex.off('query', count);

    expect(statements).toBe(1);
    expect(found.map((f) => f?.delivery.body)).toEqual(['{"n":0}', '{"n":1}', undefined, '{"n":0}', undefined]);
    expect(found[0]?.target).toEqual({ url: 'https://example.org/hook', active: true, secretCiphertext: 'sealed' });
    expect(found[1]?.delivery).toMatchObject({ id: deliveries[1], sequence: 2, subscriptionId });
  });

  it('when the statement fails, then every job waiting on it fails', async () => {
    const read = pendingWithTargetReader(infra.knex);
    const results = await Promise.allSettled(['not-a-uuid', deliveries[0]!].map((id) => read(id)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
  it('when attempts end within one turn, then one statement logs them all and moves each delivery on its own way', async () => {
    const [delivered, retried] = [randomUUID(), randomUUID()];
    await infra.knex('gs_webhook_deliveries').insert(
      [delivered, retried].map((id, i) => ({
        id,
        program_id: programId,
        subscription_id: subscriptionId,
        sequence: 10 + i,
        event_name: 'member.registered',
        source_event_id: randomUUID(),
        body: '{}',
        status: 'pending',
      })),
    );
    const record = attemptRecorder(infra.knex);
    let statements = 0;
    const count = (): void => void statements++;
    infra.knex.on('query', count);
    const startedAt = new Date();
    const nextAttemptAt = new Date(Date.now() + 600_000);
    await Promise.all([
      record(
        {
          deliveryId: delivered,
          attemptNumber: 0,
          startedAt,
          statusCode: 200,
          latencyMs: 12,
          error: null,
          responseExcerpt: 'ok',
        },
        { status: 'delivered' },
      ),
      record(
        {
          deliveryId: retried,
          attemptNumber: 2,
          startedAt,
          statusCode: 500,
          latencyMs: 30,
          error: null,
          responseExcerpt: 'no',
        },
        { status: 'pending', nextAttemptAt },
      ),
    ]);
    infra.knex.off('query', count);

    expect(statements).toBe(1);
    const rows = await infra
      .knex('gs_webhook_deliveries')
      .whereIn('id', [delivered, retried])
      .orderBy('sequence')
      .select<
        Array<{
          status: string;
          attempts: number;
          last_status_code: number;
          delivered_at: Date | null;
          next_attempt_at: Date;
        }>
      >('status', 'attempts', 'last_status_code', 'delivered_at', 'next_attempt_at');
    expect(rows[0]).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200 });
    expect(rows[0]!.delivered_at).toBeInstanceOf(Date);
    expect(rows[1]).toMatchObject({ status: 'pending', attempts: 3, last_status_code: 500, delivered_at: null });
    expect(rows[1]!.next_attempt_at.getTime()).toBe(nextAttemptAt.getTime());
    const logged = await infra
      .knex('gs_webhook_attempts')
      .whereIn('delivery_id', [delivered, retried])
      .orderBy('attempt_number')
      .select('attempt_number', 'status_code', 'latency_ms', 'response_excerpt');
    expect(logged).toEqual([
      { attempt_number: 0, status_code: 200, latency_ms: 12, response_excerpt: 'ok' },
      { attempt_number: 2, status_code: 500, latency_ms: 30, response_excerpt: 'no' },
    ]);
  });
});
