import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, type Json, type Program } from './helpers.js';

/* Hostile order bodies: never a 5xx, and a refusal stores nothing (no order, no budget held). */

describe('fuzzed order bodies over HTTP', () => {
  let app: TestApp;
  let program: Program;
  let promotionId: string;

  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app);
    promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR', 'SANDBOX-VAR-EUR'], '100.00');
  });
  afterAll(async () => {
    await app.stop();
  });

  const anything = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('10', '10.00', '-1', '1e309', '5.001', 'SANDBOX-GIFT-10EUR', 'EUR', 'usd', 'email', 'link', ''),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
  );
  const body = fc.record(
    {
      order_id: fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/), anything),
      promotion_id: fc.oneof(fc.constant('PROMOTION'), fc.uuid(), anything),
      reward: fc.oneof(
        fc.record(
          {
            sku: fc.oneof(fc.constantFrom('SANDBOX-GIFT-10EUR', 'SANDBOX-VAR-EUR', 'NOPE'), anything),
            value: fc.oneof(
              fc.record({ amount: anything, currency: fc.oneof(fc.constant('EUR'), anything) }, { requiredKeys: [] }),
              anything,
            ),
          },
          { requiredKeys: [] },
        ),
        anything,
      ),
      user: fc.oneof(
        fc.record(
          { id: anything, email: fc.oneof(fc.emailAddress(), anything), first_name: anything },
          { requiredKeys: [] },
        ),
        anything,
      ),
      delivery: fc.oneof(fc.record({ method: fc.oneof(fc.constantFrom('none', 'email', 'link'), anything) }), anything),
    },
    { requiredKeys: [] },
  );

  it('never answers 5xx, and stores nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (generated, wrapped) => {
        const data = { ...generated, ...(generated.promotion_id === 'PROMOTION' ? { promotion_id: promotionId } : {}) };
        const before = (await program.get('/v1/orders')).body.paging as Json;
        const answer = await program.post('/v1/orders', wrapped ? { data } : data);
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect((await program.get('/v1/orders')).body.paging).toEqual(before);
          expect(answer.body.error_name).toEqual(expect.any(String));
        }
      }),
      { numRuns: 120 },
    );
    // Whatever was placed holds budget; nothing refused does.
    const orders = (await program.get('/v1/orders?per_page=100')).body.data as Json[];
    const held = orders
      .filter((o) => ['pending', 'processing', 'delivered', 'failed'].includes(String(o.status)))
      .reduce((sum, o) => sum + Math.round(Number((o.value as Json).amount) * 100), 0);
    const promotion = (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json;
    const reservedAndSpent =
      Math.round(Number(promotion.budget_reserved) * 100) + Math.round(Number(promotion.budget_spent) * 100);
    expect(reservedAndSpent).toBe(held);
  }, 120_000);
});
