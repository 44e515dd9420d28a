import { Router } from 'express';
import { sha256Hex } from '../../../platform/crypto.js';
import { findOrder } from '../../../projections/fulfillment/orders/queries.js';
import { findPromotion } from '../../../projections/fulfillment/promotions/queries.js';
import { findOrderByClaim } from '../../../projections/fulfillment/redemptions-queries.js';
import type { ApiContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { amount, iso } from '../common.js';

/** GET /v1/claims/:claim_code, without credentials: what a claim page needs, never a code. */
export function claimRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/v1/claims/:claim_code', async (req, res) => {
    const code = String(req.params.claim_code);
    const found = code.length <= 64 ? await findOrderByClaim(ctx.knex, sha256Hex(code)) : undefined;
    const order = found && (await findOrder(ctx.knex, found.program_id, found.id));
    const promotion = order && (await findPromotion(ctx.knex, order.program_id, order.promotion_id));
    if (!order || !promotion) throw new HttpError('not_found', 'claim code not found');
    res.json({
      data: {
        promotion: { name: promotion.name },
        reward: {
          sku: order.sku,
          name: order.reward_name,
          value: { amount: amount(order.value), currency: order.currency },
        },
        status: order.status,
        authentication_systems: promotion.authentication_systems,
        expiration_datetime: iso(order.expires_at),
      },
    });
  });
  return router;
}
