import { errorResponses, json, listJson, pathId, registry, resource, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { moneyText, orderSchema } from '../openapi-schemas.js';
import { pagingQuery } from '../paging.js';
import { claimForm, createAndRedeemForm } from './schemas.js';

const tags = ['Redemptions'];
const external = (example: string) =>
  z.string().openapi({ description: "the program's own reference", 'x-external-id': true, example });
const money = z.object({
  amount: moneyText,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .openapi({ example: 'EUR' }),
});

export const redemptionExample = {
  id: '9a8b7c6d-5e4f-5a3b-8c2d-1e0f9a8b7c6d',
  order: { id: '5c0e7a52-3f1b-5d2c-9a8e-1b2c3d4e5f60', order_id: 'ORD123-L987-0' },
  promotion_id: '0b6f3c1e-2a4d-4e5f-9a7b-8c9d0e1f2a3b',
  reward: { sku: 'SANDBOX-GIFT-10EUR', name: 'Sandbox gift card 10 EUR' },
  value: { amount: '10.00', currency: 'EUR' },
  user: { id: 'L987' },
  authentication_system: 'token',
  token_hint: 'K7QZ',
  reward_codes: {
    codes: [{ name: 'code', value: 'SBX-1A2B-3C4D-5E6F-7A8B', format: 'string', usage: 'enter the code at checkout' }],
    expiration_datetime: null,
  },
  redeemed_datetime: '2026-11-22T10:05:00.000Z',
};

/** Documents redemptions and the claim page. */
export function documentRedemptions(): void {
  const redemption = registry.register(
    'Redemption',
    z
      .object({
        id: z.string().uuid(),
        order: z.object({ id: z.string().uuid(), order_id: external('ORD123-L987-0') }),
        promotion_id: z.string().uuid(),
        reward: z.object({ sku: z.string(), name: z.string() }),
        value: money,
        user: z.object({ id: external('L987') }).nullable(),
        authentication_system: z.enum(['none', 'token', 'user_id']),
        token_hint: z.string().nullable(),
        reward_codes: orderSchema.shape.reward_codes,
        redeemed_datetime: z.string().datetime(),
      })
      .openapi({ description: "An end user's claim on an order, with the proof given and the order's codes" }),
  );
  const pdf = { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } };
  /** JSON, or the order's e-card when Accept ranks application/pdf above JSON. */
  const one = (description: string) => {
    const answer = json(resource(redemption), { data: redemptionExample, version: 4 }, description);
    return { ...answer, content: { ...answer.content, ...pdf } };
  };
  registry.registerPath({
    method: 'post',
    path: '/v1/redemptions',
    tags,
    summary:
      'Redeem: (a) claim a pending link order by claim_code (anonymous callers: token or none only; asserting user answers 401), or (b) with program credentials, place an order (idempotent by order_id) and redeem it. Checks in order: proof supported (authentication_system_not_supported), token (invalid_token), user (invalid_user, user_mismatch), state (operation_refused). Five failed proofs a minute per claim code or program answer 429. The same redemption again: 200.',
    security: [...PROGRAM_SECURITY, {}],
    request: {
      body: json(z.union([claimForm, createAndRedeemForm]), {
        data: { claim_code: 'q3Jr9Xk2LmPw8sTa', token: 'K3M9QX7LPT2WZ8RA' },
      }),
    },
    responses: {
      201: one('redeemed'),
      200: one('redeemed already with the same proof'),
      // The failed-proofs limit's 429 (documented as it was, without the rate limit's Retry-After header).
      ...errorResponses(429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/redemptions',
    tags,
    summary: "The program's redemptions, newest first",
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        promotion_id: z.string().uuid().optional(),
        order_id: external('ORD123-L987-0').optional(),
        user_id: external('L987').optional(),
        from: z.string().datetime().optional(),
        to: z.string().datetime().optional(),
        ...pagingQuery,
      }),
    },
    responses: { 200: listJson(redemption, redemptionExample) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/redemptions/{id}',
    tags,
    summary: 'One redemption',
    security: PROGRAM_SECURITY,
    request: { params: pathId(redemptionExample.id) },
    responses: { 200: one('the redemption') },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/claims/{claim_code}',
    tags,
    summary: 'What a claim page needs, without credentials and never a code; an unknown claim code answers 404',
    request: { params: z.object({ claim_code: z.string().max(64).openapi({ example: 'q3Jr9Xk2LmPw8sTa' }) }) },
    responses: {
      200: json(
        z.object({
          data: z.object({
            promotion: z.object({ name: z.string() }),
            reward: z.object({ sku: z.string(), name: z.string(), value: money }),
            status: orderSchema.shape.status,
            authentication_systems: z.array(z.enum(['none', 'token', 'user_id'])),
            expiration_datetime: z.string().datetime().nullable(),
          }),
        }),
        {
          data: {
            promotion: { name: 'Spring thank-you' },
            reward: {
              sku: 'SANDBOX-GIFT-10EUR',
              name: 'Sandbox gift card 10 EUR',
              value: { amount: '10.00', currency: 'EUR' },
            },
            status: 'pending',
            authentication_systems: ['token'],
            expiration_datetime: '2026-12-22T10:00:00.000Z',
          },
        },
      ),
    },
  });
}
