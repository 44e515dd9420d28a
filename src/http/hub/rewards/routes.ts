import { Router, type Response } from 'express';
import { offersByIds, type OfferView } from '../../../projections/hub/offers/queries.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import { customerRewards, type RewardView } from '../../../projections/hub/rewards/queries.js';
import { isUuid } from '../../../platform/uuid.js';
import type { ApiContext } from '../../context.js';
import { sendList } from '../../conventions/envelope.js';
import { fromHundredths } from '../../conventions/money.js';
import { HttpError } from '../../errors.js';
import { customerOf, hubCallers } from '../auth/tokens.js';
import { hubOfProgram, programOf } from '../common.js';
import { presentOffer } from '../offers/present.js';
import { countsCondition, offerListQuery } from '../offers/schemas.js';

const customerNotFound = () =>
  new HttpError('not_found', 'no such customer in this hub', [{ message: 'unknown', code: 'customerNotFound' }]);

/** A reward with its progress in the offer's measure (money with two decimals, or a count) and its offer. */
function presentReward(reward: RewardView, offer: OfferView | undefined) {
  const counts = offer ? countsCondition(offer.settings) : true;
  const measure = (n: number) => (counts ? String(n) : fromHundredths(n));
  return {
    id: reward.id,
    status: reward.status,
    offerId: reward.offerId,
    occurrence: reward.occurrence,
    progress: { value: measure(reward.value), target: measure(reward.target) },
    rewardValue: reward.rewardValue === null ? null : fromHundredths(reward.rewardValue),
    startedAt: reward.startedAt,
    updatedAt: reward.updatedAt,
    offer: offer ? presentOffer(offer) : null,
  };
}

/** customer_api/getRewards and the back office's "Rewards information" (flow 3.3). */
export function rewardRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { customer, program } = hubCallers(ctx);

  const send = async (res: Response, customerId: string, query: unknown) => {
    const q = offerListQuery.parse(query);
    const { rows, total } = await customerRewards(ctx.knex, customerId, {
      offset: (q.page - 1) * q.per_page,
      limit: q.per_page,
    });
    const offers = await offersByIds(
      ctx.knex,
      rows.map((r) => r.offerId),
    );
    sendList(
      res,
      rows.map((r) => presentReward(r, offers.get(r.offerId))),
      { page: q.page, per_page: q.per_page, total },
    );
  };

  router.get('/v1/hub/customer/rewards', customer, (req, res) => send(res, customerOf(res).customerId, req.query));

  router.get('/v1/hub/customers/:customerId/rewards', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const customerId = String(req.params.customerId);
    if (!isUuid(customerId) || !(await findCustomer(ctx.knex, hub.id, customerId))) throw customerNotFound();
    await send(res, customerId, req.query);
  });

  return router;
}
