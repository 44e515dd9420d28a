import { Router, type Request, type Response } from 'express';
import { renderECard } from '../../../commands/fulfillment/ecard.js';
import type { RewardCode } from '../../../commands/fulfillment/provider.js';
import { isUuid } from '../../../platform/uuid.js';
import { findOrder, type OrderRow } from '../../../projections/fulfillment/orders/queries.js';
import { findReward } from '../../../projections/fulfillment/rewards/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { programOf } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { etagOf } from '../../conventions/envelope.js';
import { acceptsAny, parseAccept, type MediaRange } from '../../conventions/negotiation.js';
import { HttpError } from '../../errors.js';
import { amount, type Fulfillment } from '../common.js';

const PDF = 'application/pdf';

/** The highest q the Accept header gives a media type, the most specific range deciding (`*∕*` gives JSON). */
function qualityOf(ranges: readonly MediaRange[], type: string, subtype: string): number {
  const exact = ranges.filter((r) => r.type === type && r.subtype === subtype);
  if (exact.length > 0) return Math.max(...exact.map((r) => r.q));
  const partial = ranges.filter((r) => r.type === type && r.subtype === '*');
  if (partial.length > 0) return Math.max(...partial.map((r) => r.q));
  return Math.max(0, ...ranges.filter((r) => r.type === '*').map((r) => r.q));
}

/** Whether an e-card route answers the PDF: the Accept header ranks it above JSON (a tie, `*∕*` or none gives JSON). */
export function wantsPdf(req: Request): boolean {
  const ranges = parseAccept(req.get('Accept'));
  return qualityOf(ranges, 'application', 'pdf') > qualityOf(ranges, 'application', 'json');
}

/**
 * Sends an order's e-card: a reward without `pdf` media answers 406 before an order without a code answers 422. The
 * PDF is rendered on demand, deterministic for the order's version (dates fixed to its delivery).
 */
export async function sendCard(
  ctx: ApiContext,
  fulfillment: Fulfillment,
  res: Response,
  order: OrderRow,
  status = 200,
) {
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
    .status(status)
    .set({
      'Content-Type': PDF,
      ETag: etagOf(Number(order.version)),
      'Content-Disposition': `inline; filename="order-${order.order_id}.pdf"`,
    })
    .send(Buffer.from(pdf));
}

/**
 * GET /v1/orders/:id/card: the e-card as a PDF for any Accept that admits it (no Accept and `*∕*` too); errors are
 * JSON.
 */
export function cardRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);

  router.get('/v1/orders/:id/card', program, async (req, res) => {
    if (!acceptsAny(parseAccept(req.get('Accept')), [PDF]))
      throw new HttpError('not_acceptable', 'the e-card is served as application/pdf; the Accept header excludes it');
    const id = String(req.params.id);
    const order = isUuid(id) ? await findOrder(ctx.knex, programOf(res), id) : undefined;
    if (!order) throw new HttpError('not_found', 'order not found');
    await sendCard(ctx, fulfillment, res, order);
  });

  return router;
}
