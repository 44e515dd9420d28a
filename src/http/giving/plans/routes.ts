import { Router, type Response } from 'express';
import { planCampaignFacts } from '../../../commands/giving/plans/campaign-facts.js';
import { changePlan, createPlan, endPlan } from '../../../commands/giving/plans/plans.js';
import { feeSettingsOf } from '../../../domain/giving/donations/fees.js';
import type { CardFeeSettings } from '../../../domain/giving/plans/plan.js';
import { findPlan, listPlans } from '../../../projections/giving/plans/queries.js';
import { findProgram, type ProgramRow } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES, programIdOf } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { sendPage } from '../../shared/list.js';
import { settledRows } from '../../shared/own-rows.js';
import { idParam } from '../../shared/routes.js';
import { commandContext, personInput, secretBoxOf, settler } from '../common.js';
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
  const plans = settledRows(ctx, findPlan, 'recurring plan', presentPlan, settled);

  router.get('/v1/recurring-plans', program, (req, res) =>
    sendPage(
      res,
      { page: req.query.page, per_page: req.query.per_page },
      (page) => {
        // The filters are read after the paging, as the paging's errors answer first.
        const filter = planListQuery.parse({ status: req.query.status, campaign_id: req.query.campaign_id });
        return listPlans(
          ctx.knex,
          programIdOf(res.locals),
          { status: filter.status, campaignId: filter.campaign_id },
          page,
        );
      },
      presentPlan,
    ),
  );

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
      supporter: personInput(body),
      paymentToken: body.payment_token ?? null,
      startAt: body.start_at ?? ctx.clock.now().toISOString(),
      endAt: body.end_at ?? null,
    };
    const result = await createPlan(
      { store: ctx.store, clock: ctx.clock, secrets: await secrets() },
      input,
      commandContext(req, res),
    );
    await plans.created(res, result);
  });

  router.get('/v1/recurring-plans/:id', program, plans.get);

  router.patch('/v1/recurring-plans/:id', program, async (req, res) => {
    const current = await plans.of(res, idParam(req));
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
    await plans.changed(res, current, result);
  });

  router.post('/v1/recurring-plans/:id/cancel', program, async (req, res) => {
    const current = await plans.of(res, idParam(req));
    const result = await endPlan('CancelPlan', ctx, current.id, commandContext(req, res), expectedVersion(req));
    await plans.changed(res, current, result);
  });

  router.delete('/v1/recurring-plans/:id', program, async (req, res) => {
    const current = await plans.of(res, idParam(req));
    const result = await endPlan('DeletePlan', ctx, current.id, commandContext(req, res), expectedVersion(req));
    await plans.removed(res, result);
  });

  return router;
}
