import { Router, type RequestHandler } from 'express';
import { PHONE_COUNTRIES } from '../../../commands/hub/ports/phone-countries.js';
import { findHubByHost, findHubOfProgram } from '../../../projections/hub/hubs/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendResource } from '../../conventions/envelope.js';
import { HttpError } from '../../errors.js';
import { hubOfProgram, programOf } from '../common.js';
import { presentLookup } from './present.js';
import { lookupQuery, optinsQuery } from './schemas.js';

/** What a hub's front reads before anyone signs in: the lookup, the optins, the phone countries. */
export function hubPublicRoutes(ctx: ApiContext): Router {
  const router = Router();
  const key = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const keyOrAdmin = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES, 'admin']);
  const notFound = () => new HttpError('not_found', 'no hub matches');
  /** By host alone the lookup is public; by the other keys it needs the Api-Key. */
  const keyUnlessHostOnly: RequestHandler = (req, res, next) => {
    const q = req.query;
    if (q.customerExternalId === undefined && q.externalId === undefined) return next();
    return key(req, res, next);
  };

  router.get('/v1/hub/lookup', keyUnlessHostOnly, async (req, res) => {
    const q = lookupQuery.parse(req.query);
    let hub;
    if (q.customerExternalId !== undefined || q.externalId !== undefined) {
      hub = await findHubOfProgram(ctx.knex, programOf(res));
      const matches =
        q.customerExternalId !== undefined
          ? hub !== undefined &&
            (await ctx
              .knex('rm_hub_customers')
              .where({ hub_id: hub.id, customer_external_id: q.customerExternalId })
              .whereNull('deleted_at')
              .first('id')) !== undefined
          : hub?.settings.externalId === q.externalId;
      if (!matches) hub = undefined;
    } else if (q.host !== undefined) {
      hub = await findHubByHost(ctx.knex, q.host);
    } else {
      throw new HttpError('invalid_request', 'name the hub by host, externalId or customerExternalId', [
        { field: 'host', message: 'one of host, externalId, customerExternalId is required' },
      ]);
    }
    if (!hub) throw notFound();
    const program = await findProgram(ctx.knex, hub.programId);
    if (!program) throw notFound();
    sendResource(res, presentLookup(hub, program.apiKey), hub.version);
  });

  router.get('/v1/hub/optins', key, async (req, res) => {
    const q = optinsQuery.parse(req.query);
    const hub = await hubOfProgram(ctx, programOf(res));
    const lng = q.lng ?? hub.settings.mainLanguage;
    const optins = (hub.optins[q.registrationType] ?? []).map((o) => ({
      code: o.code,
      label: o.label[lng] ?? o.label[hub.settings.mainLanguage] ?? Object.values(o.label)[0] ?? o.code,
      required: o.required,
    }));
    res.json({ data: optins });
  });

  router.get('/v1/hub/phone-countries', keyOrAdmin, (_req, res) => {
    res.json({ data: PHONE_COUNTRIES });
  });

  return router;
}
