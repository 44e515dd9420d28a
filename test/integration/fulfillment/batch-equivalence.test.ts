import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStream, promotionStream } from '../../../src/commands/fulfillment/streams.js';
import { orderEvents } from '../../../src/domain/fulfillment/orders/events.js';
import { promotionEvents } from '../../../src/domain/fulfillment/promotions/events.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { fulfillmentProjection } from '../../../src/projections/fulfillment/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { placedData, promotionFields, T0 } from '../../unit/fulfillment/fixtures.js';

/*
 * The projection's pages applied in runs (batch.ts, one statement per run: run-statement.ts) leave the same rows as
 * the same events applied one at a time, each page applied twice (a replay after a crash changes nothing).
 */

const LATER = '2026-11-23T10:00:00.000Z';
const CREATED_AT = new Date(T0);

/** Pages of the log with every case a run meets, on fresh ids: two promotions, eight orders, an orphan reservation. */
function scenario() {
  const programId = randomUUID();
  const [p1, p2] = [randomUUID(), randomUUID()];
  const o = Array.from({ length: 9 }, () => randomUUID());
  const on = (stream: string, type: string, data: object) =>
    recorded(type, data, { stream, tenantId: programId, createdAt: CREATED_AT });
  const promotion = (id: string, type: keyof typeof promotionEvents, data: object) =>
    on(promotionStream(id), type, promotionEvents[type].parse({ promotionId: id, ...data }));
  const order = (id: string, type: keyof typeof orderEvents, data: object) =>
    on(orderStream(id), type, orderEvents[type].parse({ orderId: id, ...data }));
  const reserve = (p: string, id: string, amount = 1000) =>
    promotion(p, 'PromotionBudgetReserved', { orderId: id, amount });
  const placed = (id: string, p: string, deliveryMethod: 'none' | 'email' | 'link' = 'none') =>
    on(
      orderStream(id),
      'OrderPlaced',
      placedData({ orderId: id, programId, promotionId: p, clientOrderId: `ORD-${id}`, deliveryMethod }),
    );
  const delivered = (id: string) => [
    order(id, 'OrderCodeIssued', { codesSealed: 'v1.sealed', issuedAt: LATER }),
    order(id, 'OrderDelivered', { deliveredAt: LATER }),
  ];
  const created = (id: string) =>
    promotion(id, 'PromotionCreated', { programId, fields: promotionFields(50_000), status: 'enabled', createdAt: T0 });
  const pages: RecordedEvent[][] = [
    [created(p1), created(p2)],
    // Orders placed and delivered with their reservations; one whose order comes in the next page; one failed.
    [
      reserve(p1, o[0]!),
      placed(o[0]!, p1),
      ...delivered(o[0]!),
      reserve(p2, o[1]!),
      placed(o[1]!, p2),
      ...delivered(o[1]!),
      reserve(p1, o[2]!),
      reserve(p1, o[3]!, 700),
      placed(o[3]!, p1),
      order(o[3]!, 'OrderFailed', { reason: 'no', failedAt: LATER }),
    ],
    // The order reserved in the page before, an email and a link order; an event outside runs splits the page.
    [
      placed(o[2]!, p1),
      ...delivered(o[2]!),
      reserve(p2, o[4]!),
      placed(o[4]!, p2, 'email'),
      promotion(p2, 'PromotionUpdated', { changes: { name: 'Renamed' }, updatedAt: LATER }),
      reserve(p2, o[5]!),
      placed(o[5]!, p2, 'link'),
      reserve(p1, o[6]!),
      placed(o[6]!, p1),
      ...delivered(o[6]!),
      order(o[6]!, 'OrderCanceled', { canceledAt: LATER }),
    ],
    // An order placed alone, delivered in a later page; a reservation left without its order.
    [reserve(p1, o[7]!), placed(o[7]!, p1)],
    [...delivered(o[7]!), reserve(p2, o[8]!)],
  ];
  return { programId, promotions: [p1, p2], orders: o, pages };
}

describe('the fulfillment projection applied in runs', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  /** The rows of one scenario, its ids replaced by their place in it, so two scenarios compare. */
  async function rowsOf(world: ReturnType<typeof scenario>) {
    const names = new Map<string, string>([
      [world.programId, 'program'],
      ...world.promotions.map((id, i) => [id, `p${i}`] as const),
      ...world.orders.map((id, i) => [id, `o${i}`] as const),
    ]);
    const named = (row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          typeof v === 'string' ? (names.get(v) ?? v.replace(/ORD-[0-9a-f-]+/, 'ORD')) : v,
        ]),
      );
    type Rows = Array<Record<string, unknown>>;
    const orders = await infra.knex('rm_fulfillment_orders').whereIn('id', world.orders).select<Rows>('*');
    const promotions = await infra
      .knex('rm_fulfillment_promotions')
      .whereIn('id', world.promotions)
      .select<Rows>('id', 'name', 'budget_reserved', 'budget_spent', 'version');
    const reservations = await infra
      .knex('rm_fulfillment_reservations')
      .whereIn('promotion_id', world.promotions)
      .select<Rows>('order_id', 'promotion_id', 'sku');
    const sorted = (rows: Rows) => rows.map(named).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { orders: sorted(orders), promotions: sorted(promotions), reservations: sorted(reservations) };
  }

  it('given the same pages, when applied in runs and one event at a time, each twice, then the rows are the same', async () => {
    const oneByOne = scenario();
    const inRuns = scenario();
    for (const page of oneByOne.pages) await applyToDb(infra.knex, fulfillmentProjection, page, { replayed: true });
    for (const page of inRuns.pages)
      await applyToDb(infra.knex, fulfillmentProjection, page, { batch: true, replayed: true });
    const expected = await rowsOf(oneByOne);
    expect(expected.orders).toHaveLength(8);
    expect(expected.reservations).toHaveLength(1);
    expect(expected.promotions.map((p) => [p.budget_reserved, p.budget_spent])).toEqual([
      ['700', '4000'],
      ['3000', '1000'],
    ]);
    expect(await rowsOf(inRuns)).toEqual(expected);
  });

  it('given a page of orders placed and delivered, when applied in runs, then it costs one statement', async () => {
    const world = scenario();
    await applyToDb(infra.knex, fulfillmentProjection, world.pages[0]!);
    let statements = 0;
    const count = () => statements++;
    infra.knex.on('query', count);
    try {
      await applyToDb(infra.knex, fulfillmentProjection, world.pages[1]!, { batch: true });
    } finally {
      infra.knex.off('query', count);
    }
    // BEGIN, the run's statement, its reservation left without an order, COMMIT.
    expect(statements).toBe(4);
  });
});
