import { Router } from 'express';
import { z } from 'zod';
import { customerRecommendations } from '../../projections/hub/transactions/recommendations.js';
import { PROGRAM_SCHEMES } from '../auth/authenticate.js';
import type { ApiContext } from '../context.js';
import { refuseCustomerTokens } from './auth/tokens.js';
import { hubOfProgram, programOf } from './common.js';

/** At most this many customers per answer: the list given, or the hub's first ones the filters keep. */
export const MAX_RECOMMENDED_CUSTOMERS = 1000;

export const customerRecommendationsBody = z.strictObject({
  /** The customers' external ids; none: every customer of the hub the filters keep (the first 1,000). */
  customers: z.array(z.string().min(1).max(255)).max(MAX_RECOMMENDED_CUSTOMERS).optional(),
  dataRetrievalMethod: z.enum(['paymentCard', 'scan']).optional(),
  status: z.enum(['synchronized', 'desynchronized']).optional(),
  registered: z.boolean().optional(),
});

export const customerRecommendation = z.object({
  customerExternalId: z.string(),
  /** Up to 3 retailers: a store's brandId, else its externalId. */
  retailers: z.array(z.string()).max(3),
  /** From the customer's own purchases; false: the hub's top 3, the customer has none yet. */
  personal: z.boolean(),
});

/**
 * getCustomerRecommendations: for each customer (by external id) the filters keep, 3 retailers of the hub they have
 * not bought at yet, the hub's most frequented first; the hub's top 3 for a customer with no purchase yet. A customer
 * unknown to the hub, or without an external id, is not in the answer.
 */
export function recommendationRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  router.post('/v1/hub/recommendations/customers', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const filters = customerRecommendationsBody.parse(req.body ?? {});
    const data = await customerRecommendations(ctx.knex, hub.id, filters, MAX_RECOMMENDED_CUSTOMERS);
    res.json({ data });
  });
  return router;
}
