import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { isActiveMember } from '../../projections/members/queries.js';
import {
  addressesOf,
  businessesNear,
  findBusiness,
  findPerk,
  listBusinessCategories,
  perksOf,
} from '../../projections/perks/queries.js';
import { PROGRAM_SCHEMES } from '../auth/authenticate.js';
import type { ApiContext } from '../context.js';
import { sendList, sendResource } from '../conventions/envelope.js';
import { parseListQuery } from '../conventions/pagination.js';
import { memberOf } from '../members/auth.js';
import { nearbyQuery } from './geo.js';
import { presentBusinessDetail, presentBusinessSummary } from './businesses/present.js';
import { presentBusinessCategory } from './categories/present.js';
import { presentPerk, usableForUser } from './perks/present.js';
import { idParam, isProgram, notFound, programOf } from './shared.js';

/** Whether the caller is a member with an active subscription (perks are usable only then). */
async function callerIsActiveMember(knex: Knex, res: Response): Promise<boolean> {
  const member = memberOf(res);
  return member ? isActiveMember(knex, programOf(res), member.memberId) : false;
}

/**
 * GET /v1/businesses/:id's body: the address asked for, else the main one, else the first; the program sees inactive
 * perks too.
 */
export async function businessDetail(knex: Knex, res: Response, id: string, addressId?: string) {
  const business = await findBusiness(knex, programOf(res), id);
  if (!business) throw notFound('business');
  const [addresses, perks, activeMember] = await Promise.all([
    addressesOf(knex, [id]),
    perksOf(knex, [id], isProgram(res)),
    callerIsActiveMember(knex, res),
  ]);
  const address = addressId === undefined ? addresses[0] : addresses.find((a) => a.id === addressId);
  if (addressId !== undefined && !address) throw notFound('address');
  const now = new Date();
  const detail = presentBusinessDetail(
    business,
    address,
    addresses,
    perks.map((p) => presentPerk(p, usableForUser(p, activeMember, now))),
  );
  return { detail, version: Number(business.version) };
}

/** What apps and members read: categories, businesses around a point, one business, one perk. */
export function readRoutes(ctx: ApiContext): Router {
  const router = Router();
  const apiKey = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const apiKeyOrMember = ctx.memberAuth.memberOr(ctx.auth, ['api_key', ...PROGRAM_SCHEMES]);

  router.get('/v1/business-categories', apiKey, async (req, res) => {
    const list = parseListQuery(req.query);
    const page = await listBusinessCategories(ctx.knex, programOf(res), { offset: list.offset, limit: list.per_page });
    sendList(res, page.rows.map(presentBusinessCategory), {
      page: list.page,
      per_page: list.per_page,
      total: page.total,
    });
  });

  router.get('/v1/businesses', ...apiKeyOrMember, async (req, res) => {
    const { lat, lng, online } = nearbyQuery.parse(req.query);
    const list = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const page = await businessesNear(ctx.knex, programOf(res), {
      latitude: lat,
      longitude: lng,
      online,
      offset: list.offset,
      limit: list.per_page,
    });
    const ids = page.rows.map((b) => b.id);
    const [addresses, perks] = await Promise.all([addressesOf(ctx.knex, ids), perksOf(ctx.knex, ids)]);
    const data = page.rows.map((b) =>
      presentBusinessSummary(
        b,
        addresses.filter((a) => a.business_id === b.id),
        perks.filter((p) => p.business_id === b.id),
      ),
    );
    sendList(res, data, { page: list.page, per_page: list.per_page, total: page.total });
  });

  router.get('/v1/businesses/:id', ...apiKeyOrMember, async (req, res) => {
    const addressId = typeof req.query.address_id === 'string' ? req.query.address_id : undefined;
    const { detail, version } = await businessDetail(ctx.knex, res, idParam(req), addressId);
    sendResource(res, detail, version);
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
