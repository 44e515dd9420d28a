import { Router } from 'express';
import { businessCategories } from '../../../commands/perks/catalogue.js';
import { businessCategoryFields } from '../../../domain/perks/events.js';
import { findBusinessCategory, listBusinessCategories } from '../../../projections/perks/queries.js';
import type { ApiContext } from '../../context.js';
import { catalogueEntityRoutes } from '../../shared/catalogue-entity.js';
import { sendPage } from '../../shared/list.js';
import { catalogueGuards, programOf } from '../../shared/routes.js';
import { camelFields } from '../fields.js';
import { presentBusinessCategory } from './present.js';
import { businessCategoryBody } from './schemas.js';

/** Business categories: apps read them, the program writes them. */
export function businessCategoryRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guards = catalogueGuards(ctx, 'perks');

  router.get('/v1/business-categories', guards.apiKey, (req, res) =>
    sendPage(res, req.query, (page) => listBusinessCategories(ctx.knex, programOf(res), page), presentBusinessCategory),
  );

  catalogueEntityRoutes(router, ctx, guards, {
    path: '/v1/business-categories',
    what: 'business category',
    create: (body) =>
      businessCategoryFields.parse(camelFields(businessCategoryBody.create.parse(body).business_category)),
    patch: (body) => camelFields(businessCategoryBody.patch.parse(body).business_category),
    commands: businessCategories,
    find: findBusinessCategory,
    present: presentBusinessCategory,
  });

  return router;
}
