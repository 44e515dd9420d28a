import { json, listJson, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { registerResource, promotionSchema } from '../openapi-schemas.js';
import { pagingQuery } from '../paging.js';
import { createPromotionBody, patchPromotionBody } from './schemas.js';

const PROMOTION_ID = '0b6f3c1e-2a4d-4e5f-9a7b-8c9d0e1f2a3b';

export const promotionExample = {
  id: PROMOTION_ID,
  name: 'Spring thank-you',
  start_datetime: '2026-11-01T00:00:00.000Z',
  end_datetime: '2027-01-31T00:00:00.000Z',
  status: 'enabled',
  state: 'ready',
  rewards: [{ sku: 'SANDBOX-GIFT-10EUR', status: 'enabled', in_stock: true }],
  authentication_systems: ['none'],
  redeem_frequency: 'multiple',
  budget: { amount: '1000.00', currency: 'EUR' },
  budget_reserved: '10.00',
  budget_spent: '20.00',
  budget_remaining: '970.00',
  link_ttl_days: 30,
  redemption_url_template: null,
  created_datetime: '2026-11-01T09:00:00.000Z',
  updated_datetime: '2026-11-02T09:00:00.000Z',
};

const PROMOTION_MEANING =
  'A program’s promotion: status is set by the program, state computed (pending before the start, ready, ended after the end). budget_reserved is held by orders not yet delivered, budget_spent by delivered ones; budget_remaining = budget − both.';

/** Documents the promotions' paths in the registry. */
export function documentPromotions(): void {
  const promotion = registerResource('Promotion', promotionSchema, PROMOTION_MEANING, {
    data: promotionExample,
    version: 0,
  });
  const { one, answer } = promotion;

  const promotions = documentResource({ path: '/v1/promotions', tags: ['Promotions'], id: PROMOTION_ID });
  promotions.list(
    "The program's promotions, newest first",
    z.object({
      status: z.enum(['enabled', 'paused', 'completed', 'disabled']).optional(),
      state: z.enum(['pending', 'ready', 'ended']).optional(),
      ...pagingQuery,
    }),
    listJson(promotion.schema, promotionExample),
  );
  promotions.create(
    'Create a promotion; every offered sku must be listed in the budget’s currency (else 422 invalid_request). status defaults to enabled, link_ttl_days to 30.',
    json(createPromotionBody, {
      data: {
        name: 'Spring thank-you',
        start_datetime: '2026-11-01T00:00:00Z',
        end_datetime: '2027-01-31T00:00:00Z',
        rewards: [{ sku: 'SANDBOX-GIFT-10EUR' }],
        authentication_systems: ['none'],
        budget: { amount: '1000.00', currency: 'EUR' },
      },
    }),
    { 201: answer('created') },
  );
  promotions.get('One promotion, with its budget figures and each offer’s in_stock', one);
  promotions.patch(
    'Update a promotion (If-Match); a budget below reserved + spent answers 422 operation_refused, another currency 422 invalid_request',
    json(patchPromotionBody, { data: { budget: { amount: '2000.00', currency: 'EUR' } } }),
    one,
  );
}
