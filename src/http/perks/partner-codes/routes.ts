import { Router } from 'express';
import { partnerCodes } from '../../../commands/perks/catalogue.js';
import { partnerCodeUsableAt } from '../../../domain/perks/partner-code.js';
import { partnerCodeFields } from '../../../domain/perks/events.js';
import {
  findPartnerCodeRow,
  partnerCodeFieldsOf,
  partnerCodesNamed,
} from '../../../projections/perks/partner-codes.js';
import type { ApiContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { catalogueEntityRoutes } from '../../shared/catalogue-entity.js';
import { catalogueGuards, programOf } from '../../shared/routes.js';
import { camelFields } from '../../shared/catalogue-fields.js';
import { presentPartnerCode } from './present.js';
import { partnerCheckBody, partnerCodeBody } from './schemas.js';

const CODE = { code_partner: 'code' };

/** Partner codes: apps check one where the member stands, the program writes them. */
export function partnerCodeRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guards = catalogueGuards(ctx, 'perks');

  router.post('/v1/partner-codes/check', guards.apiKey, async (req, res) => {
    const { code_partner: code, lat, lng } = partnerCheckBody.parse(req.body);
    const codes = await partnerCodesNamed(ctx.knex, programOf(res), code);
    const usable = codes.find((row) =>
      partnerCodeUsableAt(partnerCodeFieldsOf(row), { latitude: lat, longitude: lng }),
    );
    if (!usable) throw new HttpError('not_found', 'this partner code is not available here');
    res.json({ data: { code_partner: usable.code } });
  });

  catalogueEntityRoutes(router, ctx, guards, {
    path: '/v1/partner-codes',
    what: 'partner code',
    create: (body) => partnerCodeFields.parse(camelFields(partnerCodeBody.create.parse(body).partner_code, CODE)),
    patch: (body) => camelFields(partnerCodeBody.patch.parse(body).partner_code, CODE),
    commands: partnerCodes,
    find: findPartnerCodeRow,
    present: presentPartnerCode,
  });

  return router;
}
