import { IDEMPOTENCY_KEY, IF_MATCH, json, listJson, registry, z } from '../../openapi/registry.js';
import { SECURITY, PROGRAM_SECURITY } from '../../openapi/security.js';
import { registerResource, rewardSchema } from '../openapi-schemas.js';
import { pagingQuery } from '../paging.js';
import { createRewardBody, patchRewardBody, stockBody } from './schemas.js';

const tags = ['Rewards'];
const skuParam = z.object({ sku: z.string().openapi({ example: 'SANDBOX-GIFT-10EUR' }) });

export const rewardExample = {
  sku: 'SANDBOX-GIFT-10EUR',
  name: 'Sandbox gift card 10 EUR',
  provider: { id: 'sandbox', name: 'Sandbox' },
  denomination_type: 'fixed',
  face_value: '10.00',
  min_value: null,
  max_value: null,
  currency: 'EUR',
  countries: ['FR', 'DE'],
  categories: ['gift_card'],
  media: ['code', 'pdf'],
  status: 'enabled',
  in_stock: true,
  stock_quantity: null,
  description: 'A fixed 10.00 EUR sandbox gift card.',
  terms_and_conditions: 'Sandbox reward: the codes are placeholders and worth nothing.',
  logo_url: null,
};

const REWARD_MEANING =
  'A catalogue reward (platform-wide, curated by operators). stock_quantity counts the units still available to new orders; null: not stock-managed (in_stock is then true).';

/** Documents the catalogue's paths in the registry. */
export function documentRewards(): void {
  const reward = registerResource('Reward', rewardSchema, REWARD_MEANING, { data: rewardExample, version: 0 });
  const { one, answer } = reward;
  const admin = [SECURITY.admin];

  registry.registerPath({
    method: 'get',
    path: '/v1/rewards',
    tags,
    summary: 'The catalogue, filtered, by sku (the sandbox rewards are listed at start)',
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional()
          .openapi({ example: 'FR' }),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional()
          .openapi({ example: 'EUR' }),
        category: z.string().max(64).optional(),
        provider: z.string().max(64).optional().openapi({ example: 'sandbox' }),
        in_stock: z.enum(['true', 'false']).optional(),
        ...pagingQuery,
      }),
    },
    responses: { 200: listJson(reward.schema, rewardExample) },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/rewards/{sku}',
    tags,
    summary: 'One reward',
    security: PROGRAM_SECURITY,
    request: { params: skuParam },
    responses: { 200: one },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/admin/rewards',
    tags,
    summary: 'List a reward (operators); a taken sku answers 409 conflict_uniqueness',
    security: admin,
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(createRewardBody, {
        data: {
          sku: 'ACME-GIFT-25EUR',
          name: 'Acme gift card 25 EUR',
          provider: { id: 'acme', name: 'Acme' },
          denomination_type: 'fixed',
          face_value: '25.00',
          currency: 'EUR',
          countries: ['FR'],
          media: ['code', 'pdf'],
          stock_quantity: 100,
        },
      }),
    },
    responses: { 201: answer('listed') },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/admin/rewards/{sku}',
    tags,
    summary: 'Update any field of a reward, status enabled, paused or disabled (operators; If-Match guards it)',
    security: admin,
    request: {
      params: skuParam,
      headers: IF_MATCH,
      body: json(patchRewardBody, { data: { status: 'paused' } }),
    },
    responses: { 200: one },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/admin/rewards/{sku}/stock',
    tags,
    summary:
      'Add units (a negative quantity removes them, never more than are available: 422 operation_refused); a reward that was not stock-managed starts counting',
    security: admin,
    request: { params: skuParam, body: json(stockBody, { data: { quantity: 100 } }) },
    responses: { 200: one },
  });
}
