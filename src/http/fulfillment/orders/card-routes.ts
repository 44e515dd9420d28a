import { Router } from 'express';
import type { RewardCode } from '../../../commands/fulfillment/provider.js';
import { isUuid } from '../../../platform/uuid.js';
import { findOrder } from '../../../projections/fulfillment/orders/queries.js';
import { findReward } from '../../../projections/fulfillment/rewards/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { programOf } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { etagOf } from '../../conventions/envelope.js';
import { acceptsAny, parseAccept } from '../../conventions/negotiation.js';
import { HttpError } from '../../errors.js';
import { amount, type Fulfillment } from '../common.js';
import { renderECard } from '../../../commands/fulfillment/ecard.js';

/**
 * GET /v1/orders/:id/card: the e-card as a PDF for any Accept that admits it (no Accept and `*∕*` too). A reward
 * without `pdf` media answers 406 before an order without a code answers 422; errors are JSON.
 */
export function cardRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);

  router.get('/v1/orders/:id/card', program, async (req, res) => {
    if (!acceptsAny(parseAccept(req.get('Accept')), ['application/pdf']))
      throw new HttpError('not_acceptable', 'the e-card is served as application/pdf; the Accept header excludes it');
    const id = String(req.params.id);
    const order = isUuid(id) ? await findOrder(ctx.knex, programOf(res), id) : undefined;
    if (!order) throw new HttpError('not_found', 'order not found');
    const reward = await findReward(ctx.knex, order.sku);
    if (!reward?.media.includes('pdf'))
      throw new HttpError('not_acceptable', 'this reward has no pdf media: its e-card is not served');
    if (order.codes_sealed === null || order.delivered_at === null)
      throw new HttpError('operation_refused', `a ${order.status} order has no code yet: no e-card`);
    const { box } = await fulfillment.deps();
    const codes = JSON.parse(box.open(order.codes_sealed)) as RewardCode[];
    const programRow = await findProgram(ctx.knex, order.program_id);
    const pdf = await renderECard({
      programName: programRow?.name ?? '',
      rewardName: order.reward_name,
      value: amount(order.value),
      currency: order.currency,
      codes,
      orderId: order.order_id,
      expiration: null,
      terms: reward.terms_and_conditions,
      issuedAt: order.delivered_at,
    });
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        ETag: etagOf(Number(order.version)),
        'Content-Disposition': `inline; filename="order-${order.order_id}.pdf"`,
      })
      .send(Buffer.from(pdf));
  });

  return router;
}
