import { Router } from 'express';
import { listReward, restockReward, updateReward } from '../../../commands/fulfillment/catalogue.js';
import type { RewardFields } from '../../../domain/fulfillment/rewards/events.js';
import { countRewards, findReward, listRewards } from '../../../projections/fulfillment/rewards/queries.js';
import type { ApiContext } from '../../context.js';
import { programGuards } from '../../shared/routes.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { listRequest, type Fulfillment } from '../common.js';
import { presentReward } from './present.js';
import { createRewardBody, patchRewardBody, rewardListQuery, stockBody } from './schemas.js';

const SKU = /^[A-Za-z0-9._-]{1,64}$/;

type RewardBody = Partial<Omit<ReturnType<typeof createRewardBody.parse>['data'], 'sku' | 'status' | 'stock_quantity'>>;

/** The body's snake_case fields as the domain names them; absent ones stay absent. */
function toFields(body: RewardBody): Partial<RewardFields> {
  const fields: Partial<RewardFields> = {
    name: body.name,
    provider: body.provider,
    denominationType: body.denomination_type,
    faceValue: body.face_value,
    minValue: body.min_value,
    maxValue: body.max_value,
    currency: body.currency,
    countries: body.countries,
    categories: body.categories,
    media: body.media,
    description: body.description,
    termsAndConditions: body.terms_and_conditions,
    logoUrl: body.logo_url,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

const adminContext = (res: { locals: Record<string, unknown> }) => ({
  tenantId: 'platform',
  actor: 'admin',
  correlationId: typeof res.locals.requestId === 'string' ? res.locals.requestId : '',
});

export function rewardRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const { program, once } = programGuards(ctx);
  const admin = ctx.auth.authenticate(['admin']);
  const { settled, sandboxReady } = fulfillment;
  const current = async (sku: string) => {
    // A sku is 1–64 of A-Z a-z 0-9 . _ -: anything else (a NUL byte PostgreSQL refuses, say) names no reward.
    const row = SKU.test(sku) ? await findReward(ctx.knex, sku) : undefined;
    if (!row) throw new HttpError('not_found', 'reward not found');
    return row;
  };

  router.get('/v1/rewards', program, async (req, res) => {
    await sandboxReady();
    const { q, page, slice } = listRequest(req.query, rewardListQuery);
    const filter = {
      country: q.country,
      currency: q.currency,
      category: q.category,
      provider: q.provider,
      inStock: q.in_stock === undefined ? undefined : q.in_stock === 'true',
    };
    const total = await countRewards(ctx.knex, filter);
    const rows = await listRewards(ctx.knex, filter, slice);
    sendList(res, rows.map(presentReward), { ...page, total });
  });

  router.get('/v1/rewards/:sku', program, async (req, res) => {
    await sandboxReady();
    const row = await current(String(req.params.sku));
    sendResource(res, presentReward(row), Number(row.version));
  });

  router.post('/v1/admin/rewards', admin, once, async (req, res) => {
    const { data } = createRewardBody.parse(req.body);
    const fields = toFields(data) as RewardFields;
    const input = {
      sku: data.sku,
      fields: {
        ...fields,
        faceValue: data.face_value ?? null,
        minValue: data.min_value ?? null,
        maxValue: data.max_value ?? null,
        logoUrl: data.logo_url ?? null,
      },
      status: data.status,
      stockQuantity: data.stock_quantity ?? null,
    };
    const result = await listReward(ctx, input, adminContext(res));
    await settled(result.position);
    const row = await current(data.sku);
    sendResource(res, presentReward(row), Number(row.version), 201);
  });

  router.patch('/v1/admin/rewards/:sku', admin, async (req, res) => {
    const { data } = patchRewardBody.parse(req.body);
    const sku = (await current(String(req.params.sku))).sku;
    const change = { changes: toFields(data), ...(data.status ? { status: data.status } : {}) };
    const result = await updateReward(ctx, sku, change, adminContext(res), expectedVersion(req));
    await settled(result.position);
    const row = await current(sku);
    sendResource(res, presentReward(row), Number(row.version));
  });

  router.post('/v1/admin/rewards/:sku/stock', admin, async (req, res) => {
    const { data } = stockBody.parse(req.body);
    const sku = (await current(String(req.params.sku))).sku;
    const result = await restockReward(ctx, sku, data.quantity, adminContext(res));
    await settled(result.position);
    const row = await current(sku);
    sendResource(res, presentReward(row), Number(row.version));
  });

  return router;
}
