import { Router, type NextFunction, type Request, type Response } from 'express';
import { loadPromotion } from '../../../commands/fulfillment/aggregates.js';
import { placeOrder } from '../../../commands/fulfillment/place-order.js';
import { checkProof, redeemOrder, type Proof, type RedeemDeps } from '../../../commands/fulfillment/redeem.js';
import { ownPromotion } from '../../../domain/fulfillment/promotions/promotion.js';
import { sha256Hex } from '../../../platform/crypto.js';
import { isUuid } from '../../../platform/uuid.js';
import {
  countRedemptions,
  findOrderByClaim,
  findRedemption,
  listRedemptions,
  redeemedBefore,
} from '../../../projections/fulfillment/redemptions-queries.js';
import { findOrder } from '../../../projections/fulfillment/orders/queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { commandContext, isProgram, programOf } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { acceptsAny, parseAccept } from '../../conventions/negotiation.js';
import { HttpError } from '../../errors.js';
import { listRequest, trailFilterOf, type Fulfillment } from '../common.js';
import { sendCard, wantsPdf } from '../orders/card-routes.js';
import { toPlaceOrderInput } from '../orders/routes.js';
import { FailedProofs } from './failed-proofs.js';
import { presentRedemption } from './present.js';
import { claimForm, createAndRedeemForm, redemptionListQuery } from './schemas.js';

const hasCredentials = (req: Request): boolean =>
  req.get('Authorization') !== undefined || req.get('Api-Key') !== undefined;

/** POST /v1/redemptions (forms a and b) and the program's redemptions. */
export function redemptionRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  // Program credentials when given (and then they must be right); an anonymous caller has a claim code.
  const programIfAny = (req: Request, res: Response, next: NextFunction) =>
    hasCredentials(req) ? program(req, res, next) : next();
  const failedProofs = new FailedProofs();
  const deps = async (): Promise<RedeemDeps> => ({
    ...(await fulfillment.deps()),
    redeemedBefore: (promotionId, userId) => redeemedBefore(ctx.knex, promotionId, userId),
  });
  /** The redemption, or its order's e-card when Accept ranks PDF above JSON. */
  const answer = async (req: Request, res: Response, programId: string, id: string, status: number) => {
    const row = await findRedemption(ctx.knex, programId, id);
    if (!row) throw new HttpError('not_found', 'redemption not found');
    const order = wantsPdf(req) ? await findOrder(ctx.knex, programId, row.order_uuid) : undefined;
    if (order) return sendCard(ctx, fulfillment, res, order, status);
    sendResource(res, presentRedemption(row, (await fulfillment.deps()).box), Number(row.version), status);
  };

  /** Form (a): a pending link order by its claim code. */
  async function claim(req: Request, res: Response, body: unknown) {
    const { data } = claimForm.parse(body);
    const anonymous = !isProgram(res);
    if (anonymous && data.user) throw new HttpError('unauthorized', 'only program credentials may assert a user');
    const digest = sha256Hex(data.claim_code);
    const order = await findOrderByClaim(ctx.knex, digest);
    if (!order || (!anonymous && order.program_id !== programOf(res)))
      throw new HttpError('not_found', 'claim code not found');
    const key = anonymous ? `claim:${digest}` : `program:${programOf(res)}`;
    failedProofs.check(key);
    const context = anonymous
      ? { tenantId: order.program_id, actor: 'claim', correlationId: String(res.locals.requestId ?? '') }
      : commandContext(req, res);
    const proof: Proof = { token: data.token ?? null, userId: data.user?.id ?? null };
    const result = await failedProofs.counting(key, async () => redeemOrder(await deps(), order.id, proof, context));
    await fulfillment.settled(result.position);
    await answer(req, res, order.program_id, result.redemptionId, result.created ? 201 : 200);
  }

  /** Form (b): place the order (idempotent as POST /v1/orders) and redeem it; the proof is checked before any store. */
  async function createAndRedeem(req: Request, res: Response, body: unknown) {
    if (!isProgram(res)) throw new HttpError('unauthorized', 'creating and redeeming needs program credentials');
    const { data } = createAndRedeemForm.parse(body);
    const programId = programOf(res);
    const key = `program:${programId}`;
    failedProofs.check(key);
    await fulfillment.sandboxReady();
    const redeemDeps = await deps();
    const proof: Proof = { token: data.token ?? null, userId: data.user?.id ?? null };
    const result = await failedProofs.counting(key, async () => {
      const promotion = isUuid(data.promotion_id)
        ? ownPromotion((await loadPromotion(ctx.store, data.promotion_id)).state, programId)
        : undefined;
      if (!promotion) throw new HttpError('not_found', 'promotion not found');
      await checkProof(redeemDeps, promotion, proof);
      const { token: _token, ...order } = data;
      const placed = await placeOrder(redeemDeps, toPlaceOrderInput(order), commandContext(req, res));
      return redeemOrder(redeemDeps, placed.id, proof, commandContext(req, res));
    });
    await fulfillment.settled(result.position);
    await answer(req, res, programId, result.redemptionId, result.created ? 201 : 200);
  }

  router.post('/v1/redemptions', programIfAny, async (req, res) => {
    const body: unknown = req.body;
    const data = (body as { data?: unknown } | undefined)?.data;
    const isClaim = typeof data === 'object' && data !== null && 'claim_code' in data;
    await (isClaim ? claim(req, res, body) : createAndRedeem(req, res, body));
  });

  router.get('/v1/redemptions', program, async (req, res) => {
    if (!acceptsAny(parseAccept(req.get('Accept')), ['application/json']))
      throw new HttpError('not_acceptable', 'the list is served as application/json only');
    const { q, page, slice } = listRequest(req.query, redemptionListQuery);
    const filter = trailFilterOf(q);
    const total = await countRedemptions(ctx.knex, programOf(res), filter);
    const rows = await listRedemptions(ctx.knex, programOf(res), filter, slice);
    const { box } = await fulfillment.deps();
    sendList(
      res,
      rows.map((row) => presentRedemption(row, box)),
      { ...page, total },
    );
  });

  router.get('/v1/redemptions/:id', program, async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw new HttpError('not_found', 'redemption not found');
    await answer(req, res, programOf(res), id, 200);
  });

  return router;
}
