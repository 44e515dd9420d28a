import { Router, type Response } from 'express';
import { planCampaignFacts } from '../../../commands/giving/plans/campaign-facts.js';
import { cancelPlan, changePlan, createPlan, deletePlan } from '../../../commands/giving/plans/plans.js';
import { feeSettingsOf } from '../../../domain/giving/donations/fees.js';
import type { CardFeeSettings } from '../../../domain/giving/plans/plan.js';
import { findPlan, listPlans, type PlanRow } from '../../../projections/giving/plans/queries.js';
import { findProgram, type ProgramRow } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES, programIdOf } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { parseListQuery } from '../../conventions/pagination.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { commandContext, secretBoxOf, settler } from '../common.js';
import { presentPlan } from './present.js';
import { createPlanBody, patchPlanBody, planListQuery } from './schemas.js';

const cardFeeOf = (program: ProgramRow): CardFeeSettings => feeSettingsOf(program.settings);

/** Recurring plans: the supporter's promise to give each period, billed by the plan-billing worker. */
export function planRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  const settled = settler(ctx, 'giving-plans');
  const secrets = secretBoxOf(ctx);

  const programOf = async (res: Response): Promise<ProgramRow> => {
    const found = await findProgram(ctx.knex, programIdOf(res.locals));
    if (!found) throw new HttpError('forbidden', 'this route is for programs');
    return found;
  };
  const planOf = async (res: Response, id: string): Promise<PlanRow> => {
    const plan = await findPlan(ctx.knex, programIdOf(res.locals), id);
    if (!plan) throw new HttpError('not_found', 'recurring plan not found');
    return plan;
  };
  const answer = async (res: Response, id: string, fallback: PlanRow, status = 200): Promise<void> => {
    const plan = (await findPlan(ctx.knex, programIdOf(res.locals), id)) ?? fallback;
    sendResource(res, presentPlan(plan), plan.version, status);
  };

  router.get('/v1/recurring-plans', program, async (req, res) => {
    const paging = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const filter = planListQuery.parse({ status: req.query.status, campaign_id: req.query.campaign_id });
    const { rows, total } = await listPlans(
      ctx.knex,
      programIdOf(res.locals),
      { status: filter.status, campaignId: filter.campaign_id },
      { offset: paging.offset, limit: paging.per_page },
    );
    sendList(res, rows.map(presentPlan), { page: paging.page, per_page: paging.per_page, total });
  });

  router.post('/v1/recurring-plans', program, idempotency({ knex: ctx.knex }), async (req, res) => {
    const body = createPlanBody.parse(req.body);
    // The program's currency and card fee come with the campaign's facts: one look at the program.
    const { campaign, programCurrency, cardFee } = await planCampaignFacts(
      ctx,
      programIdOf(res.locals),
      body.campaign_id,
    );
    const currency = body.currency ?? programCurrency;
    if (currency !== programCurrency)
      throw new HttpError('invalid_request', 'the request has invalid fields', [
        { field: 'currency', message: `the program's currency is ${programCurrency}` },
      ]);
    if (!campaign)
      throw new HttpError('invalid_request', 'the request has invalid fields', [
        { field: 'campaign_id', message: 'no such campaign' },
      ]);
    if (campaign.archived)
      throw new HttpError('operation_refused', 'the campaign is archived and takes no new plans', [
        { field: 'campaign_id', message: 'archived' },
      ]);
    const input = {
      campaignId: body.campaign_id,
      frequency: body.frequency,
      amount: body.amount,
      currency,
      method: body.method,
      coverFee: body.cover_fee,
      cardFee,
      supporter: { firstName: body.first_name, lastName: body.last_name, email: body.email, phone: body.phone ?? null },
      paymentToken: body.payment_token ?? null,
      startAt: body.start_at ?? ctx.clock.now().toISOString(),
      endAt: body.end_at ?? null,
    };
    const result = await createPlan(
      { store: ctx.store, clock: ctx.clock, secrets: await secrets() },
      input,
      commandContext(req, res),
    );
    await settled(result.position);
    const plan = await planOf(res, result.id);
    sendResource(res, presentPlan(plan), plan.version, 201);
  });

  router.get('/v1/recurring-plans/:id', program, async (req, res) => {
    const plan = await planOf(res, String(req.params.id));
    sendResource(res, presentPlan(plan), plan.version);
  });

  router.patch('/v1/recurring-plans/:id', program, async (req, res) => {
    const current = await planOf(res, String(req.params.id));
    const body = patchPlanBody.parse(req.body ?? {});
    const input = {
      ...(body.amount !== undefined ? { amount: body.amount } : {}),
      ...(body.frequency !== undefined ? { frequency: body.frequency } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.payment_token !== undefined ? { paymentToken: body.payment_token } : {}),
      cardFee: cardFeeOf(await programOf(res)),
    };
    const result = await changePlan(
      { store: ctx.store, clock: ctx.clock, secrets: await secrets() },
      current.id,
      input,
      commandContext(req, res),
      expectedVersion(req),
    );
    await settled(result.position);
    await answer(res, current.id, current);
  });

  router.post('/v1/recurring-plans/:id/cancel', program, async (req, res) => {
    const current = await planOf(res, String(req.params.id));
    const result = await cancelPlan(ctx, current.id, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    await answer(res, current.id, current);
  });

  router.delete('/v1/recurring-plans/:id', program, async (req, res) => {
    const current = await planOf(res, String(req.params.id));
    const result = await deletePlan(ctx, current.id, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    res.status(204).end();
  });

  return router;
}
