import { Router, type Response } from 'express';
import {
  addAddress,
  businessCategories,
  createBusiness,
  partnerCodes,
  updateAddress,
  updateBusiness,
} from '../../commands/perks/catalogue.js';
import { createPerk, updatePerk } from '../../commands/perks/perks.js';
import {
  addressFields,
  businessCategoryFields,
  businessFields,
  partnerCodeFields,
  perkFields,
} from '../../domain/perks/events.js';
import { findPartnerCodeRow } from '../../projections/perks/partner-codes.js';
import { addressesOf, findBusiness, findBusinessCategory, findPerk } from '../../projections/perks/queries.js';
import { PROGRAM_SCHEMES } from '../auth/authenticate.js';
import type { ApiContext } from '../context.js';
import { sendResource } from '../conventions/envelope.js';
import { expectedVersion } from '../conventions/versioning.js';
import { idempotency } from '../idempotency/index.js';
import { businessDetail } from './read-routes.js';
import { presentAddress } from './businesses/present.js';
import { presentBusinessCategory } from './categories/present.js';
import { presentPartnerCode } from './partner-codes/present.js';
import { presentPerk } from './perks/present.js';
import { addressBody, businessBody } from './businesses/schemas.js';
import { businessCategoryBody } from './categories/schemas.js';
import { camelFields } from './fields.js';
import { partnerCodeBody } from './partner-codes/schemas.js';
import { perkBody } from './perks/schemas.js';
import { commandContext, idParam, invalidReference, notFound, programOf, settled } from './shared.js';

const CODE = { code_partner: 'code' };

/** The program manages its catalogue: business categories, businesses and their addresses, perks, partner codes. */
export function catalogueRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  const once = idempotency({ knex: ctx.knex });
  const settle = settled(ctx, ['perks']);

  const checkCategory = async (res: Response, categoryId: string | null | undefined): Promise<void> => {
    if (categoryId && !(await findBusinessCategory(ctx.knex, programOf(res), categoryId)))
      throw invalidReference('business.business_category_id', 'business category');
  };

  router.post('/v1/business-categories', program, once, async (req, res) => {
    const fields = businessCategoryFields.parse(
      camelFields(businessCategoryBody.create.parse(req.body).business_category),
    );
    const written = await businessCategories.create(ctx, fields, commandContext(req, res));
    await settle(written.position);
    sendResource(res, { id: written.id }, written.version ?? 0n, 201);
  });

  router.patch('/v1/business-categories/:id', program, async (req, res) => {
    const changes = camelFields(businessCategoryBody.patch.parse(req.body).business_category);
    const id = idParam(req);
    if (!(await findBusinessCategory(ctx.knex, programOf(res), id))) throw notFound('business category');
    await settle(
      (
        await businessCategories.update(ctx, id, changes, commandContext(req, res), {
          expectedVersion: expectedVersion(req),
        })
      ).position,
    );
    const row = (await findBusinessCategory(ctx.knex, programOf(res), id))!;
    sendResource(res, presentBusinessCategory(row), Number(row.version));
  });

  router.post('/v1/businesses', program, once, async (req, res) => {
    const body = businessBody.create.parse(req.body).business;
    await checkCategory(res, body.business_category_id);
    const written = await createBusiness(ctx, businessFields.parse(camelFields(body)), commandContext(req, res));
    await settle(written.position);
    sendResource(res, { id: written.id }, written.version ?? 0n, 201);
  });

  router.patch('/v1/businesses/:id', program, async (req, res) => {
    const body = businessBody.patch.parse(req.body).business;
    const id = idParam(req);
    if (!(await findBusiness(ctx.knex, programOf(res), id))) throw notFound('business');
    await checkCategory(res, body.business_category_id);
    await settle(
      (
        await updateBusiness(ctx, id, camelFields(body), commandContext(req, res), {
          expectedVersion: expectedVersion(req),
        })
      ).position,
    );
    const { detail, version } = await businessDetail(ctx.knex, res, id);
    sendResource(res, detail, version);
  });

  router.post('/v1/businesses/:id/addresses', program, once, async (req, res) => {
    const address = addressFields.parse(camelFields(addressBody.create.parse(req.body).address));
    const id = idParam(req);
    if (!(await findBusiness(ctx.knex, programOf(res), id))) throw notFound('business');
    const written = await addAddress(ctx, id, address, commandContext(req, res));
    await settle(written.position);
    sendResource(res, { id: written.id }, written.version ?? 0n, 201);
  });

  router.patch('/v1/businesses/:id/addresses/:address_id', program, async (req, res) => {
    const changes = camelFields(addressBody.patch.parse(req.body).address);
    const id = idParam(req);
    const addressId = idParam(req, 'address_id');
    if (!(await findBusiness(ctx.knex, programOf(res), id))) throw notFound('business');
    const written = await updateAddress(ctx, id, addressId, changes, commandContext(req, res), {
      expectedVersion: expectedVersion(req),
    });
    await settle(written.position);
    const address = (await addressesOf(ctx.knex, [id])).find((a) => a.id === addressId);
    if (!address) throw notFound('address');
    sendResource(res, presentAddress(address), Number((await findBusiness(ctx.knex, programOf(res), id))!.version));
  });

  router.post('/v1/businesses/:id/perks', program, once, async (req, res) => {
    const fields = perkFields.parse(camelFields(perkBody.create.parse(req.body).perk));
    const id = idParam(req);
    if (!(await findBusiness(ctx.knex, programOf(res), id))) throw notFound('business');
    const written = await createPerk(ctx, id, fields, commandContext(req, res));
    await settle(written.position);
    sendResource(res, { id: written.id }, written.version ?? 0n, 201);
  });

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

  router.post('/v1/partner-codes', program, once, async (req, res) => {
    const fields = partnerCodeFields.parse(camelFields(partnerCodeBody.create.parse(req.body).partner_code, CODE));
    const written = await partnerCodes.create(ctx, fields, commandContext(req, res));
    await settle(written.position);
    sendResource(res, { id: written.id }, written.version ?? 0n, 201);
  });

  router.patch('/v1/partner-codes/:id', program, async (req, res) => {
    const changes = camelFields(partnerCodeBody.patch.parse(req.body).partner_code, CODE);
    const id = idParam(req);
    if (!(await findPartnerCodeRow(ctx.knex, programOf(res), id))) throw notFound('partner code');
    await settle(
      (await partnerCodes.update(ctx, id, changes, commandContext(req, res), { expectedVersion: expectedVersion(req) }))
        .position,
    );
    const row = (await findPartnerCodeRow(ctx.knex, programOf(res), id))!;
    sendResource(res, presentPartnerCode(row), Number(row.version));
  });

  return router;
}
