import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { createPerk, updatePerk } from '../../../commands/perks/perks.js';
import { perkFields } from '../../../domain/perks/events.js';
import { isActiveMember } from '../../../projections/members/queries.js';
import { findPerk } from '../../../projections/perks/queries.js';
import type { ApiContext } from '../../context.js';
import { sendResource } from '../../conventions/envelope.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { memberOf } from '../../members/auth.js';
import { catalogueGuards, commandContext, idParam, notFound, programOf } from '../../shared/routes.js';
import { businessChildRoute } from '../businesses/child-route.js';
import { camelFields } from '../../shared/catalogue-fields.js';
import { presentPerk, usableForUser } from './present.js';
import { perkBody } from './schemas.js';

/** Whether the caller is a member with an active subscription (perks are usable only then). */
export async function callerIsActiveMember(knex: Knex, res: Response): Promise<boolean> {
  const member = memberOf(res);
  return member ? isActiveMember(knex, programOf(res), member.memberId) : false;
}

/** Perks: the program adds them to its businesses and changes them; apps and members read one. */
export function perkRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guards = catalogueGuards(ctx, 'perks');
  const { program, apiKeyOrMember, settle } = guards;

  const perkOf = (body: unknown) => perkFields.parse(camelFields(perkBody.create.parse(body).perk));
  businessChildRoute(router, ctx, guards, '/v1/businesses/:id/perks', perkOf, createPerk);

  router.patch('/v1/perks/:id', program, async (req, res) => {
    const changes = camelFields(perkBody.patch.parse(req.body).perk);
    const id = idParam(req);
    if (!(await findPerk(ctx.knex, programOf(res), id))) throw notFound('perk');
    await settle(
      (await updatePerk(ctx, id, changes, commandContext(req, res), { expectedVersion: expectedVersion(req) }))
        .position,
    );
    const perk = (await findPerk(ctx.knex, programOf(res), id))!;
    sendResource(res, presentPerk(perk, false), Number(perk.version));
  });

  router.get('/v1/perks/:id', ...apiKeyOrMember, async (req, res) => {
    const perk = await findPerk(ctx.knex, programOf(res), idParam(req));
    if (!perk) throw notFound('perk');
    sendResource(
      res,
      presentPerk(perk, usableForUser(perk, await callerIsActiveMember(ctx.knex, res), new Date())),
      Number(perk.version),
    );
  });

  return router;
}
