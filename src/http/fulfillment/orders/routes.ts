import { Router, type Request, type Response } from 'express';
import { cancelOrder, resendOrder } from '../../../commands/fulfillment/manage-order.js';
import { placeOrder, type PlaceOrderInput } from '../../../commands/fulfillment/place-order.js';
import { rememberedOrder, rememberedReward } from '../../../commands/fulfillment/aggregates.js';
import { orderIdFor, orderStream } from '../../../commands/fulfillment/streams.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { sha256Hex } from '../../../platform/crypto.js';
import type { Position } from '../../../platform/eventstore/types.js';
import { orderLookups } from '../../../projections/fulfillment/orders/lookups.js';
import { countOrders, findOrder, listOrders } from '../../../projections/fulfillment/orders/queries.js';
import { commandContext, programOf } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { programGuards } from '../../shared/routes.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { HttpError } from '../../errors.js';
import { baseUrlOf, listRequest, trailFilterOf, type Fulfillment, ownRowOf } from '../common.js';
import { sendCard, wantsPdf } from './card-routes.js';
import { presentOrder } from './present.js';
import { isPlainReplay } from './replay.js';
import { orderRowOf } from './row-of-state.js';
import { createOrderBody, orderListQuery, resendOrderBody } from './schemas.js';

type Body = ReturnType<typeof createOrderBody.parse>['data'];

export const toPlaceOrderInput = (data: Body): PlaceOrderInput => ({
  clientOrderId: data.order_id,
  promotionId: data.promotion_id,
  sku: data.reward.sku,
  value: data.reward.value ?? null,
  user: data.user
    ? {
        id: data.user.id ?? null,
        email: data.user.email ?? null,
        firstName: data.user.first_name ?? null,
        lastName: data.user.last_name ?? null,
      }
    : null,
  deliveryMethod: data.delivery.method,
});

export function orderRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const { program, once } = programGuards(ctx);
  const { settled, sandboxReady } = fulfillment;
  const current = ownRowOf(ctx, findOrder, 'order');
  /** A create request's lookups, read together with those of the requests arriving meanwhile. */
  const lookUp = orderLookups(ctx.knex);
  /** Where the order's last event stands: a replay appended nothing, yet another request's append must be read. */
  const lastPosition = async (id: string): Promise<Position | undefined> =>
    (await ctx.store.readStream(orderStream(id))).at(-1)?.position;
  const send = async (req: Request, res: Response, programId: string, id: string, status = 200) => {
    const row = await current(programId, id);
    const shown = presentOrder(row, (await fulfillment.deps()).box, baseUrlOf(ctx, req));
    sendResource(res, shown, Number(row.version), status);
  };

  router.get('/v1/orders', program, async (req, res) => {
    const { q, page, slice } = listRequest(req.query, orderListQuery);
    const filter = {
      ...trailFilterOf(q),
      sku: q.sku,
      status: q.status,
      userEmailDigest: q.user_email === undefined ? undefined : sha256Hex(q.user_email),
    };
    const total = await countOrders(ctx.knex, programOf(res), filter);
    const rows = await listOrders(ctx.knex, programOf(res), filter, slice);
    const { box } = await fulfillment.deps();
    sendList(
      res,
      rows.map((row) => presentOrder(row, box, baseUrlOf(ctx, req))),
      { ...page, total },
    );
  });

  router.post('/v1/orders', program, once, async (req, res) => {
    const { data } = createOrderBody.parse(req.body);
    await sandboxReady();
    const programId = programOf(res);
    const input = toPlaceOrderInput(data);
    const deps = await fulfillment.deps();
    // A replay of an order with nothing left to do is answered from the read model, as a GET of it is (one read,
    // shared with the create requests arriving meanwhile).
    const id = orderIdFor(programId, data.order_id);
    const plain = lookUp(programId, id).then((row) =>
      row && isPlainReplay(row, input, rememberedReward(ctx.store, input.sku)) ? row : undefined,
    );
    // An order this process has not placed is most likely new: it is placed meanwhile, its write held for the read.
    const context = commandContext(req, res);
    const placing =
      rememberedOrder(ctx.store, id)?.status === 'placed'
        ? undefined
        : placeOrder(
            deps,
            input,
            context,
            plain.then(
              (row) => row === undefined,
              () => false,
            ),
          );
    placing?.catch(() => undefined);
    const replayed = await plain;
    if (replayed) {
      res.set('Idempotent-Replayed', 'true');
      return sendResource(res, presentOrder(replayed, deps.box, baseUrlOf(ctx, req)), Number(replayed.version), 200);
    }
    try {
      const result = await (placing ?? placeOrder(deps, input, context));
      const { state, version } = result;
      // A new order is answered as decided; the program's next reads wait for the read model to hold it (a link's URL
      // needs the promotion's row: that answer waits now).
      const decided =
        result.created && state.status === 'placed' && version !== undefined && state.order.deliveryMethod !== 'link';
      if (decided) fulfillment.fence.wrote(programId, result.position);
      else if (result.position) await settled(result.position);
      else {
        // A replay appended nothing: the read model may still be behind the request that placed the order.
        const row = await lookUp(programId, result.id);
        if (!row || BigInt(row.version) < (result.version ?? 0n)) await settled(await lastPosition(result.id));
      }
      if (!result.created) res.set('Idempotent-Replayed', 'true');
      if (decided) sendResource(res, presentOrder(orderRowOf(state, version), deps.box), Number(version), 201);
      else await send(req, res, programId, result.id, result.created ? 201 : 200);
    } catch (error) {
      if (error instanceof DomainError && error.errorName === 'conflict_uniqueness')
        throw new HttpError('conflict_uniqueness', error.message, error.details, {
          Location: `/v1/orders/${orderIdFor(programId, data.order_id)}`,
        });
      throw error;
    }
  });

  router.get('/v1/orders/:id', program, async (req, res) => {
    if (wantsPdf(req)) await sendCard(ctx, fulfillment, res, await current(programOf(res), String(req.params.id)));
    else await send(req, res, programOf(res), String(req.params.id));
  });

  router.post('/v1/orders/:id/cancel', program, async (req, res) => {
    const row = await current(programOf(res), String(req.params.id));
    const result = await cancelOrder(ctx, row.id, commandContext(req, res));
    await settled(result.position);
    await send(req, res, programOf(res), row.id);
  });

  router.post('/v1/orders/:id/resend', program, async (req, res) => {
    const { data } = resendOrderBody.parse(req.body ?? { data: {} });
    const row = await current(programOf(res), String(req.params.id));
    const deps = await fulfillment.deps();
    const result = await resendOrder(deps, row.id, data.email ?? null, commandContext(req, res));
    await settled(result.position);
    await send(req, res, programOf(res), row.id);
  });

  return router;
}
