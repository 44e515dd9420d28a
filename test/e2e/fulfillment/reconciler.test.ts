import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promotions, rewards } from '../../../src/commands/fulfillment/aggregates.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, newReward, orderBody, type Json, type Program } from './helpers.js';

describe('the fulfillment reservation reconciler', () => {
  let app: TestApp;
  let program: Program;
  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app, 'Reconciler program');
  });
  afterAll(async () => {
    await app.stop();
  });

  it('after 10 min gives back budget and stock held for an order never written, and leaves written orders be', async () => {
    const sku = await newReward(app, { stock_quantity: 2 });
    const promotionId = await newPromotion(program, [sku]);
    expect((await program.post('/v1/orders', orderBody(promotionId, sku))).status).toBe(201);
    const { program_id: programId } = await app
      .knex('rm_fulfillment_promotions')
      .where({ id: promotionId })
      .first<{ program_id: string }>('program_id');
    // A request that died between its reservations and OrderPlaced, as the log would hold it.
    const orphan = randomUUID();
    const options = { store: app.running.infra.store, context: { tenantId: programId, actor: 'test' } };
    const reserve = { programId, orderId: orphan, sku, amount: 1000, now: new Date().toISOString() };
    expect(
      (await promotions.handle(promotionId, { type: 'ReserveBudget', data: reserve }, options)).events,
    ).toHaveLength(1);
    await rewards.handle(sku, { type: 'ReserveStock', data: { orderId: orphan } }, options);
    const figures = async () => {
      const promotion = (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json;
      const reward = (await program.get(`/v1/rewards/${sku}`)).body.data as Json;
      return [promotion.budget_reserved, promotion.budget_spent, reward.stock_quantity];
    };
    await expect.poll(figures, { timeout: 15_000 }).toEqual(['10.00', '10.00', 0]);
    const reconciler = app.running.workers.get('fulfillment-reservation-reconciler')!;
    expect(await reconciler.tick(new Date())).toBe(0);
    expect(await reconciler.tick(new Date(Date.now() + 11 * 60_000))).toBe(1);
    await expect.poll(figures, { timeout: 15_000 }).toEqual(['0.00', '10.00', 1]);
    expect(await reconciler.tick(new Date(Date.now() + 11 * 60_000))).toBe(0);
  });
});
