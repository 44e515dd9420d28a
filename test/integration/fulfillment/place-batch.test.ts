import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPromotion, loadReward, promotions, rewards } from '../../../src/commands/fulfillment/aggregates.js';
import {
  placeOrder,
  type FulfillmentDeps,
  type PlaceOrderInput,
} from '../../../src/commands/fulfillment/place-order.js';
import { sandboxProvider } from '../../../src/commands/fulfillment/provider.js';
import { orderStream } from '../../../src/commands/fulfillment/streams.js';
import { keyedEntries } from '../../../src/domain/fulfillment/keyed.js';
import { systemClock } from '../../../src/platform/clock.js';
import { PostgresEventStore } from '../../../src/platform/eventstore/postgres/store.js';
import { createSecretBox } from '../../../src/platform/secret-box.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { giftFields, promotionFields } from '../../unit/fulfillment/fixtures.js';

/* Two processes (two stores, each with its own remembered states) placing orders of one promotion at once. */
describe('new orders placed by group commit from two processes at once', () => {
  let infra: TestInfra;
  let other: PostgresEventStore;
  const programId = randomUUID();
  const context = { tenantId: programId, actor: 'test' };
  const box = createSecretBox(randomBytes(32));
  const deps = (store: PostgresEventStore): FulfillmentDeps => ({
    store,
    clock: systemClock,
    box,
    provider: sandboxProvider,
  });
  beforeAll(async () => {
    infra = await openTestInfra();
    other = new PostgresEventStore({ connectionString: infra.url, pollMs: 50 });
  });
  afterAll(async () => {
    await other.close();
    await infra.close();
  });

  async function promotionOf(stock: number | null) {
    const sku = `RACE-${randomBytes(4).toString('hex')}`;
    const now = new Date().toISOString();
    const listing = { sku, fields: giftFields, status: 'enabled' as const, stockQuantity: stock, ifAbsent: false, now };
    await rewards.handle(sku, { type: 'ListReward', data: listing }, { store: infra.store, context });
    const promotionId = randomUUID();
    const fields = {
      ...promotionFields(1_000_000),
      rewards: [{ sku, status: 'enabled' as const }],
      endDatetime: '2099-01-01T00:00:00.000Z',
    };
    const create = { promotionId, programId, fields, status: 'enabled' as const, now };
    await promotions.handle(promotionId, { type: 'CreatePromotion', data: create }, { store: infra.store, context });
    return { sku, promotionId };
  }
  const input = (promotionId: string, sku: string, clientOrderId: string = randomUUID()): PlaceOrderInput => ({
    clientOrderId,
    promotionId,
    sku,
    value: null,
    user: null,
    deliveryMethod: 'none',
  });

  it('when 40 orders race for 10 units, then exactly 10 are placed and hold a unit and budget each', async () => {
    const { sku, promotionId } = await promotionOf(10);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        placeOrder(deps(i % 2 === 0 ? infra.store : other), input(promotionId, sku), context),
      ),
    );
    const placed = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value.created ? [o.value.id] : []));
    expect(placed).toHaveLength(10);
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [String((o.reason as Error).message)] : []));
    expect(refused).toEqual(Array(30).fill('the order is refused: out_of_stock'));
    const reward = (await loadReward(infra.store, sku)).state;
    const promotion = (await loadPromotion(infra.store, promotionId)).state;
    if (reward.status !== 'listed' || promotion.status !== 'created') throw new Error('lost the aggregates');
    expect(reward.stock).toBe(0);
    expect(
      keyedEntries(reward.reservations)
        .map(([id]) => id)
        .sort(),
    ).toEqual([...placed].sort());
    expect(
      keyedEntries(promotion.held)
        .map(([id]) => id)
        .sort(),
    ).toEqual([...placed].sort());
    for (const id of placed) expect(await infra.store.readStream(orderStream(id))).toHaveLength(3);
  });

  it('when another process pauses a reward that holds no unit, then the next order here is refused at once', async () => {
    const { sku, promotionId } = await promotionOf(null);
    expect((await placeOrder(deps(infra.store), input(promotionId, sku), context)).created).toBe(true);
    const pause = { changes: {}, status: 'paused' as const, now: new Date().toISOString() };
    await rewards.handle(sku, { type: 'UpdateReward', data: pause }, { store: other, context });
    // This process read the reward a moment ago: the order's write checks it at that revision, and fails.
    await expect(placeOrder(deps(infra.store), input(promotionId, sku), context)).rejects.toThrow(
      'the order is refused: reward_unavailable',
    );
  });

  it('when both processes place the same order_id at once, then one order is placed and the others replay it', async () => {
    const { sku, promotionId } = await promotionOf(null);
    const same = input(promotionId, sku, 'ORD-SAME');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => placeOrder(deps(i % 2 === 0 ? infra.store : other), same, context)),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await infra.store.readStream(orderStream(results[0]!.id))).toHaveLength(3);
    const promotion = (await loadPromotion(other, promotionId)).state;
    expect(promotion.status === 'created' && promotion.heldTotal).toBe(1000);
  });
});
