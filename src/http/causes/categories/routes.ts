import { Router } from 'express';
import { causeCategories } from '../../../commands/causes/causes.js';
import { causeCategoryFields } from '../../../domain/causes/events.js';
import { findCauseCategory, listCauseCategories } from '../../../projections/causes/queries.js';
import type { ApiContext } from '../../context.js';
import { camelFields } from '../../perks/fields.js';
import { catalogueEntityRoutes } from '../../shared/catalogue-entity.js';
import { sendPage } from '../../shared/list.js';
import { catalogueGuards, programOf } from '../../shared/routes.js';
import { presentCauseCategory } from './present.js';
import { causeCategoryBody } from './schemas.js';

/** Cause categories: apps read them, the program writes them. */
export function causeCategoryRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guards = catalogueGuards(ctx, 'causes');

  router.get('/v1/cause-categories', guards.apiKey, (req, res) =>
    sendPage(res, req.query, (page) => listCauseCategories(ctx.knex, programOf(res), page), presentCauseCategory),
  );

  catalogueEntityRoutes(router, ctx, guards, {
    path: '/v1/cause-categories',
    what: 'cause category',
    create: (body) => causeCategoryFields.parse(camelFields(causeCategoryBody.create.parse(body).cause_category)),
    patch: (body) => camelFields(causeCategoryBody.patch.parse(body).cause_category),
    commands: causeCategories,
    find: findCauseCategory,
    present: presentCauseCategory,
  });

  return router;
}
