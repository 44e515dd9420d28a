import { Router } from 'express';
import { giveFeedback, usePerk } from '../../commands/perks/perks.js';
import { partnerCodeUsableAt } from '../../domain/perks/partner-code.js';
import { isActiveMember } from '../../projections/members/queries.js';
import { partnerCodeFieldsOf, partnerCodesNamed } from '../../projections/perks/partner-codes.js';
import { findBusiness, findPerk, findUse } from '../../projections/perks/queries.js';
import { PROGRAM_SCHEMES } from '../auth/authenticate.js';
import type { ApiContext } from '../context.js';
import { sendResource } from '../conventions/envelope.js';
import { HttpError } from '../errors.js';
import { idempotency } from '../idempotency/index.js';
import { memberOf } from '../members/auth.js';
import { presentUse } from './uses/present.js';
import { partnerCheckBody } from './partner-codes/schemas.js';
import { useCreateBody, usePatchBody } from './uses/schemas.js';
import { commandContext, idParam, notFound, programOf, settled } from './shared.js';

/** Members use perks and say how it went; apps check partner codes where the member stands. */
export function usesRoutes(ctx: ApiContext): Router {
  const router = Router();
  const apiKey = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const once = idempotency({ knex: ctx.knex });
  const settle = settled(ctx, ['perks']);

  router.post('/v1/uses', ...ctx.memberAuth.requireMember, once, async (req, res) => {
    const { perk_id: perkId } = useCreateBody.parse(req.body).use;
    const programId = programOf(res);
    const member = memberOf(res)!;
    const perk = await findPerk(ctx.knex, programId, perkId);
    if (!perk)
      throw new HttpError('not_found', 'perk not found', [{ field: 'use.perk_id', message: 'no perk has this id' }]);
    const [business, activeMember] = await Promise.all([
      findBusiness(ctx.knex, programId, perk.business_id),
      isActiveMember(ctx.knex, programId, member.memberId),
    ]);
    const facts = { memberId: member.memberId, activeMember, businessName: business?.name ?? '' };
    const written = await usePerk(ctx, perkId, facts, commandContext(req, res));
    await settle(written.position);
    sendResource(res, { id: written.id }, written.version ?? 0n, 201);
  });

  router.patch('/v1/uses/:id', ...ctx.memberAuth.requireMember, async (req, res) => {
    const { feedback } = usePatchBody.parse(req.body).use;
    const programId = programOf(res);
    const member = memberOf(res)!;
    const use = await findUse(ctx.knex, programId, idParam(req));
    // Another member's use does not exist for this one.
    if (!use || use.member_id !== member.memberId) throw notFound('use');
    const written = await giveFeedback(
      ctx,
      use.perk_id,
      { useId: use.id, memberId: member.memberId, feedback },
      commandContext(req, res),
    );
    await settle(written.position);
    const updated = (await findUse(ctx.knex, programId, use.id)) ?? use;
    // A use lives on its perk's stream: its version is the perk's.
    sendResource(res, presentUse(updated), written.version ?? 0n);
  });

  router.post('/v1/partner-codes/check', apiKey, async (req, res) => {
    const { code_partner: code, lat, lng } = partnerCheckBody.parse(req.body);
    const codes = await partnerCodesNamed(ctx.knex, programOf(res), code);
    const usable = codes.find((row) =>
      partnerCodeUsableAt(partnerCodeFieldsOf(row), { latitude: lat, longitude: lng }),
    );
    if (!usable) throw new HttpError('not_found', 'this partner code is not available here');
    res.json({ data: { code_partner: usable.code } });
  });

  return router;
}
