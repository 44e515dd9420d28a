import { Router } from 'express';
import { createPromotion, updatePromotion } from '../../../commands/fulfillment/promotions.js';
import type { PromotionFields } from '../../../domain/fulfillment/promotions/events.js';
import type { PromotionChanges } from '../../../domain/fulfillment/promotions/promotion.js';
import {
  countPromotions,
  findPromotion,
  listPromotions,
  type PromotionRow,
} from '../../../projections/fulfillment/promotions/queries.js';
import { stockOf } from '../../../projections/fulfillment/rewards/queries.js';
import { commandContext, programOf } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { programGuards } from '../../shared/routes.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { listRequest, type Fulfillment, ownRowOf } from '../common.js';
import { presentPromotion } from './present.js';
import { createPromotionBody, patchPromotionBody, promotionListQuery } from './schemas.js';

type Body = Partial<ReturnType<typeof patchPromotionBody.parse>['data']>;

function toChanges(body: Body): PromotionChanges {
  const changes: PromotionChanges = {
    name: body.name,
    startDatetime: body.start_datetime,
    endDatetime: body.end_datetime,
    rewards: body.rewards,
    authenticationSystems: body.authentication_systems,
    redeemFrequency: body.redeem_frequency,
    budget: body.budget?.amount,
    linkTtlDays: body.link_ttl_days,
    redemptionUrlTemplate: body.redemption_url_template,
  };
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
}

export function promotionRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const { program, once } = programGuards(ctx);
  const { settled, sandboxReady } = fulfillment;
  const current = ownRowOf(ctx, findPromotion, 'promotion');
  const present = async (rows: readonly PromotionRow[]) => {
    const stock = await stockOf(ctx.knex, [...new Set(rows.flatMap((r) => r.rewards.map((o) => o.sku)))]);
    const now = ctx.clock.now();
    return rows.map((row) => presentPromotion(row, now, stock));
  };
  const send = async (res: Parameters<typeof sendResource>[0], row: PromotionRow, status = 200) => {
    const [data] = await present([row]);
    sendResource(res, data, Number(row.version), status);
  };

  router.get('/v1/promotions', program, async (req, res) => {
    const { q, page, slice } = listRequest(req.query, promotionListQuery);
    const filter = { status: q.status, state: q.state, now: ctx.clock.now() };
    const total = await countPromotions(ctx.knex, programOf(res), filter);
    const rows = await listPromotions(ctx.knex, programOf(res), filter, slice);
    sendList(res, await present(rows), { ...page, total });
  });

  router.post('/v1/promotions', program, once, async (req, res) => {
    const { data } = createPromotionBody.parse(req.body);
    await sandboxReady();
    const fields: PromotionFields = {
      name: data.name,
      startDatetime: data.start_datetime,
      endDatetime: data.end_datetime,
      rewards: data.rewards,
      authenticationSystems: data.authentication_systems,
      redeemFrequency: data.redeem_frequency,
      budget: data.budget.amount,
      currency: data.budget.currency,
      linkTtlDays: data.link_ttl_days,
      redemptionUrlTemplate: data.redemption_url_template ?? null,
    };
    const result = await createPromotion(ctx, { fields, status: data.status }, commandContext(req, res));
    await settled(result.position);
    await send(res, await current(programOf(res), result.id), 201);
  });

  router.get('/v1/promotions/:id', program, async (req, res) => {
    await send(res, await current(programOf(res), String(req.params.id)));
  });

  router.patch('/v1/promotions/:id', program, async (req, res) => {
    const { data } = patchPromotionBody.parse(req.body);
    const row = await current(programOf(res), String(req.params.id));
    if (data.budget && data.budget.currency !== row.currency)
      throw new HttpError('invalid_request', 'the budget currency does not change', [
        { field: 'data.budget.currency', message: `the promotion is in ${row.currency}` },
      ]);
    const input = { changes: toChanges(data), currency: row.currency, ...(data.status ? { status: data.status } : {}) };
    const result = await updatePromotion(ctx, row.id, input, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    await send(res, await current(programOf(res), row.id));
  });

  return router;
}
