import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, newReward, orderBody, type Json } from './helpers.js';

describe('a new order answered as decided, before the read model holds it', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('is read back at once by the program: the order, the list, the promotion’s budget and the reward’s stock', async () => {
    const program = await newProgram(app);
    const sku = await newReward(app, { stock_quantity: 20 });
    const promotionId = await newPromotion(program, [sku], '1000.00');
    const placed = await Promise.all(
      Array.from({ length: 6 }, () => program.post('/v1/orders', orderBody(promotionId, sku))),
    );
    expect(placed.map((a) => a.status)).toEqual(Array(6).fill(201));
    for (const answer of placed) {
      const { id, order_id: orderId } = answer.body.data as Json;
      const one = await program.get(`/v1/orders/${String(id)}`);
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual(answer.body.data);
      expect((await program.get(`/v1/orders?order_id=${String(orderId)}`)).body.paging).toMatchObject({ total: 1 });
    }
    const promotion = (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json;
    expect(promotion).toMatchObject({ budget_spent: '60.00', budget_reserved: '0.00', budget_remaining: '940.00' });
    expect((await program.get(`/v1/rewards/${sku}`)).body.data).toMatchObject({ stock_quantity: 14 });
  });

  it('can be canceled or replayed right after it is placed', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-FAIL']);
    const body = orderBody(promotionId, 'SANDBOX-FAIL');
    const placed = await program.post('/v1/orders', body);
    expect(placed.body.data).toMatchObject({ status: 'failed' });
    const canceled = await program.post(`/v1/orders/${String((placed.body.data as Json).id)}/cancel`, {});
    expect(canceled.status).toBe(200);
    expect(canceled.body.data).toMatchObject({ status: 'canceled' });
    const replayed = await program.post('/v1/orders', body);
    expect(replayed.status).toBe(200);
    expect(replayed.body.data).toMatchObject({ status: 'canceled' });
  });
});
