import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStream } from '../../../src/commands/fulfillment/streams.js';
import { fulfillmentProjection } from '../../../src/projections/fulfillment/projection.js';
import { orderLookups } from '../../../src/projections/fulfillment/orders/lookups.js';
import { findOrder } from '../../../src/projections/fulfillment/orders/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { placedData } from '../../unit/fulfillment/fixtures.js';

/* Lookups asked together are read in fewer statements, and each answers what findOrder answers. */

describe('order lookups read together', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  const otherProgram = randomUUID();
  const promotionId = randomUUID();
  const ids = Array.from({ length: 6 }, () => randomUUID());
  beforeAll(async () => {
    infra = await openTestInfra();
    const placed = ids.map((orderId) =>
      recorded('OrderPlaced', placedData({ orderId, programId, promotionId, clientOrderId: `ORD-${orderId}` }), {
        stream: orderStream(orderId),
        tenantId: programId,
      }),
    );
    await applyToDb(infra.knex, fulfillmentProjection, placed);
  });
  afterAll(() => infra.close());

  /** The statements `knex` sends while `work` runs. */
  async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
    let sent = 0;
    const count = () => sent++;
    infra.knex.on('query', count);
    try {
      await work();
    } finally {
      infra.knex.off('query', count);
    }
    return sent;
  }

  it('given orders of two programs and unknown ids, when looked up at once, then each answers as findOrder does', async () => {
    const lookUp = orderLookups(infra.knex);
    const asked = [
      ...ids.map((id) => [programId, id] as const),
      [programId, randomUUID()] as const,
      [otherProgram, ids[0]!] as const,
      [programId, ids[1]!.toUpperCase()] as const,
    ];
    let answers: unknown[] = [];
    const statements = await statementsDuring(async () => {
      answers = await Promise.all(asked.map(([program, id]) => lookUp(program, id)));
    });
    const expected = await Promise.all(asked.map(([program, id]) => findOrder(infra.knex, program, id)));
    expect(answers).toEqual(expected);
    expect(expected.filter((row) => row !== undefined)).toHaveLength(ids.length + 1);
    expect(statements).toBe(1);
  });

  it('given a read under way, when more lookups are asked, then they are read together in a read of their own', async () => {
    const lookUp = orderLookups(infra.knex);
    const reads: unknown[][] = [];
    const keep = (query: { bindings?: unknown[] }) => reads.push(query.bindings ?? []);
    infra.knex.on('query', keep);
    try {
      const first = lookUp(programId, ids[0]!);
      // The first read starts on the next turn of the event loop; the others are asked while it is under way.
      await new Promise((resolve) => setImmediate(resolve));
      const later = await Promise.all([lookUp(programId, ids[2]!), lookUp(programId, ids[3]!)]);
      expect((await first)?.id).toBe(ids[0]);
      expect(later.map((row) => row?.id)).toEqual([ids[2], ids[3]]);
      expect(reads).toEqual([[ids[0]], [ids[2], ids[3]]]);
    } finally {
      infra.knex.off('query', keep);
    }
  });
});
