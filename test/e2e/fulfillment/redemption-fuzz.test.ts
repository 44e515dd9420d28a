import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, orderBody, type Json, type Program } from './helpers.js';

/* Hostile redemption bodies, both forms, signed by the program or not: never a 5xx, and a refusal stores nothing. */

const GIFT = 'SANDBOX-GIFT-10EUR';

describe('fuzzed redemption bodies over HTTP', () => {
  let app: TestApp;
  let program: Program;
  let promotionId: string;
  const claimCodes: string[] = [];
  let tokens: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app, 'Redemption fuzz program');
    promotionId = await newPromotion(program, [GIFT], '1000.00', { authentication_systems: ['token', 'user_id'] });
    for (let i = 0; i < 3; i++) {
      const placed = await program.post('/v1/orders', orderBody(promotionId, GIFT, { delivery: { method: 'link' } }));
      const url = String(((placed.body.data as Json).delivery as Json).redemption_url);
      claimCodes.push(decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)));
    }
    tokens = ((await program.post(`/v1/promotions/${promotionId}/tokens`, { data: { count: 3 } })).body.data as Json)
      .tokens as string[];
  }, 60_000);
  afterAll(async () => {
    await app.stop();
  });

  const anything = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('', ' ', 'none', 'token', 'user_id', GIFT, '10.00', 'x'.repeat(300), '%00', '../'),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
  );
  const user = fc.oneof(
    fc.record(
      { id: fc.oneof(fc.constantFrom('u1', 'u2', ''), anything), email: fc.emailAddress() },
      { requiredKeys: [] },
    ),
    anything,
  );
  const token = fc.oneof(fc.constant('TOKEN'), fc.stringMatching(/^[A-Z0-9]{1,64}$/), anything);
  const claim = fc.record(
    { claim_code: fc.oneof(fc.constant('CLAIM'), fc.string({ maxLength: 70 }), anything), token, user },
    { requiredKeys: [] },
  );
  const createAndRedeem = fc.record(
    {
      order_id: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/), anything),
      promotion_id: fc.oneof(fc.constant('PROMOTION'), fc.uuid(), anything),
      reward: fc.oneof(fc.record({ sku: fc.oneof(fc.constant(GIFT), anything) }, { requiredKeys: [] }), anything),
      delivery: fc.oneof(fc.record({ method: fc.constantFrom('none', 'email', 'link') }), anything),
      user,
      token,
    },
    { requiredKeys: [] },
  );

  /** The placeholders CLAIM, TOKEN and PROMOTION stand for a real claim code, token and promotion id. */
  const realised = (body: Json, pick: number): Json => ({
    ...body,
    ...(body.claim_code === 'CLAIM' ? { claim_code: claimCodes[pick % claimCodes.length] } : {}),
    ...(body.token === 'TOKEN' ? { token: tokens[pick % tokens.length] } : {}),
    ...(body.promotion_id === 'PROMOTION' ? { promotion_id: promotionId } : {}),
  });
  const stored = async () => ({
    redemptions: ((await program.get('/v1/redemptions')).body.paging as Json).total,
    orders: ((await program.get('/v1/orders')).body.paging as Json).total,
    tokens: ((await program.get(`/v1/promotions/${promotionId}/tokens`)).body.data as Json[]).map((t) => t.status),
  });

  it('never answers 5xx, and stores nothing when it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(claim, createAndRedeem),
        fc.nat(),
        fc.boolean(),
        fc.boolean(),
        async (generated, pick, wrapped, signed) => {
          const data = realised(generated, pick);
          const before = await stored();
          const body = wrapped ? { data } : data;
          const answer = signed
            ? await program.post('/v1/redemptions', body)
            : await app.request('POST', '/v1/redemptions', { body });
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) {
            expect(answer.body.error_name).toEqual(expect.any(String));
            expect(await stored()).toEqual(before);
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 180_000);
});
