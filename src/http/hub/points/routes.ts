import { Router } from 'express';
import { spendPoints } from '../../../commands/hub/points/spend.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import { HUB_POINTS_PROJECTION } from '../../../projections/hub/points/projection.js';
import { pointsEntry, pointsOf } from '../../../projections/hub/points/queries.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { customerOf, hubCallers } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { customerParam, HISTORY_LIMIT, spendBody } from './schemas.js';

const customerNotFound = () =>
  new HttpError('not_found', 'no such customer in this hub', [{ message: 'unknown', code: 'customerNotFound' }]);

/** points_api/getPointsHistory and backoffice spendPoints (flow 3.5, decision 40). */
export function pointsRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { customer, program } = hubCallers(ctx);
  const once = idempotency({ knex: ctx.knex });
  const settled = readYourWrites(ctx, [HUB_POINTS_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock };

  router.get('/v1/hub/customer/points', customer, async (_req, res) => {
    res.json({ data: await pointsOf(ctx.knex, customerOf(res).customerId, HISTORY_LIMIT) });
  });

  router.post('/v1/hub/customers/:customerId/points/spend', program, once, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const params = customerParam.safeParse(req.params);
    if (!params.success || !(await findCustomer(ctx.knex, hub.id, params.data.customerId))) throw customerNotFound();
    const body = spendBody.parse(req.body);
    const spend = {
      customerId: params.data.customerId,
      hubId: hub.id,
      value: body.value,
      operationDate: body.operationDate ?? ctx.clock.now().toISOString(),
    };
    const result = await spendPoints(deps, spend, commandContext(req, res));
    await settled(result.position);
    const entry = await pointsEntry(ctx.knex, result.entryId);
    const { value, operationDate } = spend;
    const spent = {
      id: result.entryId,
      value,
      operationType: 'spent',
      operationDate,
      transactionId: null,
      rewardId: null,
    };
    res.status(201).json({ data: entry ?? spent });
  });

  return router;
}
