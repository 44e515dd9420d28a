import { Router } from 'express';
import { loadPromotion } from '../../../commands/fulfillment/aggregates.js';
import { allowUsers, disallowUser, issueTokens, revokeTokens } from '../../../commands/fulfillment/tokens.js';
import { ownPromotion } from '../../../domain/fulfillment/promotions/promotion.js';
import { isUuid } from '../../../platform/uuid.js';
import {
  countAllowedUsers,
  countTokens,
  listAllowedUsers,
  listTokens,
} from '../../../projections/fulfillment/redemptions-queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { commandContext, programOf } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { sendList } from '../../conventions/envelope.js';
import { HttpError } from '../../errors.js';
import { pageOf, type Fulfillment } from '../common.js';
import { allowUsersBody, issueTokensBody, revokeTokensBody } from './access-schemas.js';

/** A promotion's tokens (shown once when issued; then by their last 4 characters) and its allow-list of user ids. */
export function accessRoutes(ctx: ApiContext, fulfillment: Fulfillment): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  const { settled } = fulfillment;
  /** The promotion as its stream holds it: another program's is not found. */
  const own = async (programId: string, id: string) => {
    if (!isUuid(id)) throw new HttpError('not_found', 'promotion not found');
    return ownPromotion((await loadPromotion(ctx.store, id)).state, programId);
  };

  router.get('/v1/promotions/:id/tokens', program, async (req, res) => {
    const page = pageOf({ page: req.query.page, per_page: req.query.per_page });
    const promotion = await own(programOf(res), String(req.params.id));
    const rows = await listTokens(ctx.knex, promotion.promotionId, { offset: page.offset, limit: page.per_page });
    const data = rows.map((t) => ({
      token_hint: t.hint,
      status: t.status,
      created_datetime: t.created_at.toISOString(),
    }));
    sendList(res, data, { ...page, total: await countTokens(ctx.knex, promotion.promotionId) });
  });

  router.post('/v1/promotions/:id/tokens', program, async (req, res) => {
    const { data } = issueTokensBody.parse(req.body);
    const promotion = await own(programOf(res), String(req.params.id));
    const input = data.tokens ? { tokens: data.tokens } : { count: data.count ?? 1 };
    const result = await issueTokens(ctx, promotion.promotionId, input, commandContext(req, res));
    await settled(result.position);
    res.status(201).json({ data: { tokens: result.tokens } });
  });

  router.post('/v1/promotions/:id/tokens/revoke', program, async (req, res) => {
    const { data } = revokeTokensBody.parse(req.body);
    const promotion = await own(programOf(res), String(req.params.id));
    const target = { id: promotion.promotionId, tokens: promotion.tokens };
    const { revoked, position } = await revokeTokens(ctx, target, data.tokens, commandContext(req, res));
    await settled(position);
    res.status(200).json({ data: { revoked } });
  });

  router.get('/v1/promotions/:id/users', program, async (req, res) => {
    const page = pageOf({ page: req.query.page, per_page: req.query.per_page });
    const promotion = await own(programOf(res), String(req.params.id));
    const rows = await listAllowedUsers(ctx.knex, promotion.promotionId, { offset: page.offset, limit: page.per_page });
    const data = rows.map((u) => ({ user_id: u.user_id, created_datetime: u.created_at.toISOString() }));
    sendList(res, data, { ...page, total: await countAllowedUsers(ctx.knex, promotion.promotionId) });
  });

  router.post('/v1/promotions/:id/users', program, async (req, res) => {
    const { data } = allowUsersBody.parse(req.body);
    const promotion = await own(programOf(res), String(req.params.id));
    const result = await allowUsers(ctx, promotion.promotionId, data.user_ids, commandContext(req, res));
    await settled(result.position);
    const state = ownPromotion(result.state, programOf(res));
    res.status(200).json({ data: { user_ids: state.allowedUsers } });
  });

  router.delete('/v1/promotions/:id/users/:user_id', program, async (req, res) => {
    const promotion = await own(programOf(res), String(req.params.id));
    const result = await disallowUser(ctx, promotion.promotionId, String(req.params.user_id), commandContext(req, res));
    await settled(result.position);
    res.status(204).end();
  });

  return router;
}
