import { Router, type Response } from 'express';
import { causes } from '../../../commands/causes/causes.js';
import { causeFields } from '../../../domain/causes/events.js';
import { findCause, findCauseCategory, listCauses, memberSupportsCause } from '../../../projections/causes/queries.js';
import type { ApiContext } from '../../context.js';
import { patchOwnRow, sendCreated } from '../../shared/catalogue-entity.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { parseListQuery } from '../../conventions/pagination.js';
import { memberOf } from '../../members/auth.js';
import { optionalPointQuery } from '../../shared/geo.js';
import { camelFields } from '../../shared/catalogue-fields.js';
import {
  actorOf,
  catalogueGuards,
  commandContext,
  idParam,
  referenceCheck,
  isProgram,
  notFound,
  programOf,
} from '../../shared/routes.js';
import { presentCause, presentCauseSummary } from './present.js';
import { causeBody } from './schemas.js';

/** Causes: the program manages them, members and apps read and propose. */
export function causeRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { program, apiKeyOrMember, once, settle } = catalogueGuards(ctx, 'causes');
  const checkCategory = referenceCheck(ctx, findCauseCategory, 'cause.cause_category_id', 'cause category');
  const causeRow = { find: findCause, what: 'cause', settle };
  const causeFor = async (res: Response, id: string) => {
    const cause = await findCause(ctx.knex, programOf(res), id);
    // A proposal exists only for the program until it is activated.
    if (!cause || (!cause.active && !isProgram(res))) throw notFound('cause');
    const member = memberOf(res);
    const userCause = member ? await memberSupportsCause(ctx.knex, programOf(res), member.memberId, cause.id) : false;
    return { data: presentCause(cause, userCause), version: Number(cause.version) };
  };

  router.get('/v1/causes', ...apiKeyOrMember, async (req, res) => {
    const { lat, lng } = optionalPointQuery.parse({ lat: req.query.lat, lng: req.query.lng });
    const list = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const point = lat !== undefined && lng !== undefined ? { latitude: lat, longitude: lng } : null;
    const page = await listCauses(ctx.knex, programOf(res), { point, offset: list.offset, limit: list.per_page });
    sendList(res, page.rows.map(presentCauseSummary), { page: list.page, per_page: list.per_page, total: page.total });
  });

  router.get('/v1/causes/:id', ...apiKeyOrMember, async (req, res) => {
    const { data, version } = await causeFor(res, idParam(req));
    sendResource(res, data, version);
  });

  router.post('/v1/causes', ...apiKeyOrMember, once, async (req, res) => {
    const body = causeBody.create.parse(req.body).cause;
    await checkCategory(res, body.cause_category_id);
    const fromProgram = isProgram(res);
    // From the program a cause is active at once (unless it says otherwise); from anyone else it is a proposal.
    const fields = causeFields.parse({
      ...camelFields(body),
      active: fromProgram ? (body.active ?? true) : false,
      proposedBy: fromProgram ? 'program' : actorOf(res),
    });
    const written = await causes.create(ctx, fields, commandContext(req, res));
    await sendCreated(res, written, settle);
  });

  router.patch('/v1/causes/:id', program, async (req, res) => {
    const body = causeBody.patch.parse(req.body).cause;
    const id = await patchOwnRow(ctx, req, res, causeRow, async (own, context, o) => {
      await checkCategory(res, body.cause_category_id);
      return causes.update(ctx, own, camelFields(body), context, o);
    });
    const { data, version } = await causeFor(res, id);
    sendResource(res, data, version);
  });

  return router;
}
