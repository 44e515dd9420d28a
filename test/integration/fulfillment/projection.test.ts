import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStream, promotionStream, rewardStream } from '../../../src/commands/fulfillment/streams.js';
import { orderEvents } from '../../../src/domain/fulfillment/orders/events.js';
import { promotionEvents } from '../../../src/domain/fulfillment/promotions/events.js';
import { rewardEvents } from '../../../src/domain/fulfillment/rewards/events.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { fulfillmentProjection } from '../../../src/projections/fulfillment/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { giftFields, placedData, promotionFields, T0 } from '../../unit/fulfillment/fixtures.js';

/* One case per event type the fulfillment projection handles, each applied twice: a replay changes nothing. */

const LATER = '2026-11-23T10:00:00.000Z';

describe('the fulfillment projection', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const apply = (...events: RecordedEvent[]) =>
    applyToDb(infra.knex, fulfillmentProjection, events, { replayed: true });
  /** A page as the runner applies it: runs of reservations and orders at once (batch.ts), twice. */
  const applyPage = (...events: RecordedEvent[]) =>
    applyToDb(infra.knex, fulfillmentProjection, events, { batch: true, replayed: true });
  const reward = (sku: string) => infra.knex('rm_fulfillment_rewards').where({ sku }).first();
  const promotionRow = (id: string) => infra.knex('rm_fulfillment_promotions').where({ id }).first();
  const orderRow = (id: string) => infra.knex('rm_fulfillment_orders').where({ id }).first();

  const onReward = (sku: string, type: keyof typeof rewardEvents, data: object) =>
    recorded(type, rewardEvents[type].parse({ sku, ...data }), { stream: rewardStream(sku) });
  const listed = (sku: string, stockQuantity: number | null = 5) =>
    onReward(sku, 'CatalogRewardListed', { fields: giftFields, status: 'enabled', stockQuantity, listedAt: T0 });
  const onPromotion = (promotionId: string, type: keyof typeof promotionEvents, data: object) =>
    recorded(type, promotionEvents[type].parse({ promotionId, ...data }), {
      stream: promotionStream(promotionId),
      tenantId: programId,
    });
  const created = (promotionId: string) =>
    onPromotion(promotionId, 'PromotionCreated', {
      programId,
      fields: promotionFields(5000),
      status: 'enabled',
      createdAt: T0,
    });
  const onOrder = (orderId: string, type: keyof typeof orderEvents, data: object) =>
    recorded(type, orderEvents[type].parse({ orderId, ...data }), {
      stream: orderStream(orderId),
      tenantId: programId,
    });
  const placed = (orderId: string, promotionId: string) =>
    recorded('OrderPlaced', placedData({ orderId, programId, promotionId, clientOrderId: `ORD-${orderId}` }), {
      stream: orderStream(orderId),
      tenantId: programId,
    });

  it('CatalogRewardListed inserts the reward', async () => {
    const sku = `R-${randomUUID()}`;
    await apply(listed(sku));
    expect(await reward(sku)).toMatchObject({
      name: 'Gift 10',
      face_value: '1000',
      stock_quantity: '5',
      status: 'enabled',
    });
  });

  it('CatalogRewardUpdated changes the fields it names', async () => {
    const sku = `R-${randomUUID()}`;
    await apply(
      listed(sku),
      onReward(sku, 'CatalogRewardUpdated', { changes: { name: 'Gift', countries: ['DE'] }, updatedAt: LATER }),
    );
    expect(await reward(sku)).toMatchObject({ name: 'Gift', countries: ['DE'], face_value: '1000' });
  });

  it('CatalogRewardStatusChanged sets the status', async () => {
    const sku = `R-${randomUUID()}`;
    await apply(listed(sku), onReward(sku, 'CatalogRewardStatusChanged', { status: 'paused', changedAt: LATER }));
    expect(await reward(sku)).toMatchObject({ status: 'paused' });
  });

  it('CatalogRewardRestocked adds units, and starts counting a reward that was not stock-managed', async () => {
    const sku = `R-${randomUUID()}`;
    await apply(listed(sku, null), onReward(sku, 'CatalogRewardRestocked', { quantity: 3, restockedAt: LATER }));
    expect(await reward(sku)).toMatchObject({ stock_quantity: '3' });
  });

  it('CatalogRewardStockReserved takes a counted unit, CatalogRewardStockReleased gives it back', async () => {
    const sku = `R-${randomUUID()}`;
    await apply(listed(sku), onReward(sku, 'CatalogRewardStockReserved', { orderId: 'a', counted: true }));
    expect(await reward(sku)).toMatchObject({ stock_quantity: '4' });
    await apply(onReward(sku, 'CatalogRewardStockReleased', { orderId: 'a', counted: true }));
    expect(await reward(sku)).toMatchObject({ stock_quantity: '5' });
  });

  it('PromotionCreated inserts the promotion with nothing reserved or spent', async () => {
    const id = randomUUID();
    await apply(created(id));
    expect(await promotionRow(id)).toMatchObject({
      name: 'Thanks',
      budget: '5000',
      budget_reserved: '0',
      budget_spent: '0',
    });
  });

  it('PromotionUpdated and PromotionStatusChanged change the promotion', async () => {
    const id = randomUUID();
    await apply(
      created(id),
      onPromotion(id, 'PromotionUpdated', { changes: { name: 'New', budget: 7000 }, updatedAt: LATER }),
      onPromotion(id, 'PromotionStatusChanged', { status: 'paused', changedAt: LATER }),
    );
    expect(await promotionRow(id)).toMatchObject({ name: 'New', budget: '7000', status: 'paused' });
  });

  it('PromotionBudgetReserved and PromotionBudgetReleased move budget_reserved', async () => {
    const id = randomUUID();
    await apply(created(id), onPromotion(id, 'PromotionBudgetReserved', { orderId: 'a', amount: 1000 }));
    expect(await promotionRow(id)).toMatchObject({ budget_reserved: '1000' });
    await apply(onPromotion(id, 'PromotionBudgetReleased', { orderId: 'a', amount: 1000 }));
    expect(await promotionRow(id)).toMatchObject({ budget_reserved: '0' });
  });

  it('OrderPlaced inserts a processing order', async () => {
    const id = randomUUID();
    await apply(placed(id, randomUUID()));
    expect(await orderRow(id)).toMatchObject({ status: 'processing', value: '1000', codes_sealed: null, spent: false });
  });

  it('OrderCodeIssued keeps the sealed codes, OrderDelivered moves the value from reserved to spent once', async () => {
    const promotionId = randomUUID();
    const id = randomUUID();
    await apply(
      created(promotionId),
      onPromotion(promotionId, 'PromotionBudgetReserved', { orderId: id, amount: 1000 }),
      placed(id, promotionId),
      onOrder(id, 'OrderCodeIssued', { codesSealed: 'v1.sealed', issuedAt: LATER }),
      onOrder(id, 'OrderDelivered', { deliveredAt: LATER }),
    );
    expect(await orderRow(id)).toMatchObject({ status: 'delivered', codes_sealed: 'v1.sealed', spent: true });
    expect(await promotionRow(promotionId)).toMatchObject({ budget_reserved: '0', budget_spent: '1000' });
  });

  it('a page of reservations and delivered orders together moves each value to spent once, and keeps no row', async () => {
    const [p1, a, b] = [randomUUID(), randomUUID(), randomUUID()];
    const order = (id: string) => [
      onPromotion(p1, 'PromotionBudgetReserved', { orderId: id, amount: 1000 }),
      placed(id, p1),
      onOrder(id, 'OrderCodeIssued', { codesSealed: 'v1.sealed', issuedAt: LATER }),
      onOrder(id, 'OrderDelivered', { deliveredAt: LATER }),
    ];
    await applyPage(
      created(p1),
      ...order(a),
      ...order(b),
      onPromotion(p1, 'PromotionBudgetReserved', { orderId: 'x', amount: 500 }),
    );
    expect(await promotionRow(p1)).toMatchObject({ budget_reserved: '500', budget_spent: '2000' });
    expect(await infra.knex('rm_fulfillment_reservations').whereIn('order_id', [a, b, 'x'])).toHaveLength(1);
  });

  it('a page of delivered orders of two promotions reserved in an earlier page moves each value to spent once', async () => {
    const [p1, p2, a, b, c] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const reserve = (promotionId: string, orderId: string) =>
      onPromotion(promotionId, 'PromotionBudgetReserved', { orderId, amount: 1000 });
    await applyPage(created(p1), created(p2), reserve(p1, a), reserve(p1, b), reserve(p2, c));
    expect(await infra.knex('rm_fulfillment_reservations').whereIn('order_id', [a, b, c])).toHaveLength(3);
    const delivered = (id: string, promotionId: string) => [
      placed(id, promotionId),
      onOrder(id, 'OrderCodeIssued', { codesSealed: 'v1.sealed', issuedAt: LATER }),
      onOrder(id, 'OrderDelivered', { deliveredAt: LATER }),
    ];
    await applyPage(...delivered(a, p1), ...delivered(b, p1), placed(c, p2));
    expect(await promotionRow(p1)).toMatchObject({ budget_reserved: '0', budget_spent: '2000' });
    expect(await promotionRow(p2)).toMatchObject({ budget_reserved: '1000', budget_spent: '0' });
    expect(await infra.knex('rm_fulfillment_reservations').whereIn('order_id', [a, b, c])).toHaveLength(0);
  });

  it('OrderFailed and OrderFulfilmentRetried move the order between failed and processing', async () => {
    const id = randomUUID();
    await apply(placed(id, randomUUID()), onOrder(id, 'OrderFailed', { reason: 'no', failedAt: LATER }));
    expect(await orderRow(id)).toMatchObject({ status: 'failed', failure_reason: 'no' });
    await apply(onOrder(id, 'OrderFulfilmentRetried', { retriedAt: LATER }));
    expect(await orderRow(id)).toMatchObject({ status: 'processing', failure_reason: null });
  });

  it('OrderCanceled and OrderExpired end the order', async () => {
    const one = randomUUID();
    const two = randomUUID();
    await apply(
      placed(one, randomUUID()),
      onOrder(one, 'OrderCanceled', { canceledAt: LATER }),
      placed(two, randomUUID()),
      onOrder(two, 'OrderExpired', { expiredAt: LATER }),
    );
    expect(await orderRow(one)).toMatchObject({ status: 'canceled' });
    expect(await orderRow(two)).toMatchObject({ status: 'expired' });
  });
});
