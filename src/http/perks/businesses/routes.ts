import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { addAddress, createBusiness, updateAddress, updateBusiness } from '../../../commands/perks/catalogue.js';
import { addressFields, businessFields } from '../../../domain/perks/events.js';
import {
  addressesOf,
  businessesNear,
  findBusiness,
  findBusinessCategory,
  perksOf,
} from '../../../projections/perks/queries.js';
import type { ApiContext } from '../../context.js';
import { patchOwnRow, sendCreated } from '../../shared/catalogue-entity.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { parseListQuery } from '../../conventions/pagination.js';
import {
  catalogueGuards,
  commandContext,
  idParam,
  isProgram,
  notFound,
  programOf,
  referenceCheck,
} from '../../shared/routes.js';
import { camelFields } from '../../shared/catalogue-fields.js';
import { nearbyQuery } from '../../shared/geo.js';
import { callerIsActiveMember } from '../perks/routes.js';
import { presentPerk, usableForUser } from '../perks/present.js';
import { businessChildRoute } from './child-route.js';
import { presentAddress, presentBusinessDetail, presentBusinessSummary } from './present.js';
import { addressBody, businessBody } from './schemas.js';

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

/** Businesses and their addresses: apps and members find them around a point, the program writes them. */
export function businessRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guards = catalogueGuards(ctx, 'perks');
  const { program, apiKeyOrMember, once, settle } = guards;
  const checkCategory = referenceCheck(ctx, findBusinessCategory, 'business.business_category_id', 'business category');
  const businessRow = { find: findBusiness, what: 'business', settle };

  router.post('/v1/businesses', program, once, async (req, res) => {
    const body = businessBody.create.parse(req.body).business;
    await checkCategory(res, body.business_category_id);
    const written = await createBusiness(ctx, businessFields.parse(camelFields(body)), commandContext(req, res));
    await sendCreated(res, written, settle);
  });

  router.patch('/v1/businesses/:id', program, async (req, res) => {
    const body = businessBody.patch.parse(req.body).business;
    const id = await patchOwnRow(ctx, req, res, businessRow, async (own, context, o) => {
      await checkCategory(res, body.business_category_id);
      return updateBusiness(ctx, own, camelFields(body), context, o);
    });
    const { detail, version } = await businessDetail(ctx.knex, res, id);
    sendResource(res, detail, version);
  });

  const addressOf = (body: unknown) => addressFields.parse(camelFields(addressBody.create.parse(body).address));
  businessChildRoute(router, ctx, guards, '/v1/businesses/:id/addresses', addressOf, addAddress);

  router.patch('/v1/businesses/:id/addresses/:address_id', program, async (req, res) => {
    const changes = camelFields(addressBody.patch.parse(req.body).address);
    const addressId = idParam(req, 'address_id');
    const id = await patchOwnRow(ctx, req, res, businessRow, (own, context, o) =>
      updateAddress(ctx, own, addressId, changes, context, o),
    );
    const address = (await addressesOf(ctx.knex, [id])).find((a) => a.id === addressId);
    if (!address) throw notFound('address');
    sendResource(res, presentAddress(address), Number((await findBusiness(ctx.knex, programOf(res), id))!.version));
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

  return router;
}
