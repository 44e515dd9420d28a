import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingWithTargetReader } from '../../../src/workers/webhooks/deliveries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

describe('the worker’s reader of pending deliveries', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  const subscriptionId = randomUUID();
  const deliveries = [randomUUID(), randomUUID(), randomUUID()];
  beforeAll(async () => {
    infra = await openTestInfra();
    const now = new Date();
    await infra.knex('rm_webhook_subscriptions').insert({ id: subscriptionId, program_id: programId, name: null, url: 'https://example.org/hook', events: ['member.registered'], active: true, secret_ciphertext: 'sealed', created_at: now, updated_at: now, version: 0, deleted: false });
    await infra.knex('gs_webhook_deliveries').insert(
      deliveries.map((id, i) => ({ id, program_id: programId, subscription_id: subscriptionId, sequence: i + 1, event_name: 'member.registered', source_event_id: randomUUID(), body: `{"n":${i}}`, status: i === 2 ? 'delivered' : 'pending' })),
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
    const found = await Promise.all([deliveries[0]!, deliveries[1]!, deliveries[2]!, deliveries[0]!, unknown].map((id) => read(id)));
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
});
