import { Router } from 'express';
import { giveFeedback, usePerk } from '../../../commands/perks/perks.js';
import { isActiveMember } from '../../../projections/members/queries.js';
import { findBusiness, findPerk, findUse } from '../../../projections/perks/queries.js';
import type { ApiContext } from '../../context.js';
import { sendCreated } from '../../shared/catalogue-entity.js';
import { sendResource } from '../../conventions/envelope.js';
import { HttpError } from '../../errors.js';
import { memberOf } from '../../members/auth.js';
import { presentUse } from './present.js';
import { useCreateBody, usePatchBody } from './schemas.js';
import { catalogueGuards, commandContext, idParam, notFound, programOf } from '../../shared/routes.js';

/** Members use perks and say how it went. */
export function useRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { once, settle } = catalogueGuards(ctx, 'perks');

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
    await sendCreated(res, written, settle);
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

  return router;
}
