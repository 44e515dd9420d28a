import type { Router } from 'express';
import { causeCategories } from '../../../commands/causes/causes.js';
import { causeCategoryFields } from '../../../domain/causes/events.js';
import { findCauseCategory, listCauseCategories } from '../../../projections/causes/queries.js';
import type { ApiContext } from '../../context.js';
import { camelFields } from '../../shared/catalogue-fields.js';
import { catalogueListRoutes } from '../../shared/catalogue-entity.js';
import { presentCauseCategory } from './present.js';
import { causeCategoryBody } from './schemas.js';

/** Cause categories: apps read them, the program writes them. */
export const causeCategoryRoutes = (ctx: ApiContext): Router =>
  catalogueListRoutes(ctx, {
    projection: 'causes',
    path: '/v1/cause-categories',
    what: 'cause category',
    list: listCauseCategories,
    create: (body) => causeCategoryFields.parse(camelFields(causeCategoryBody.create.parse(body).cause_category)),
    patch: (body) => camelFields(causeCategoryBody.patch.parse(body).cause_category),
    commands: causeCategories,
    find: findCauseCategory,
    present: presentCauseCategory,
  });
