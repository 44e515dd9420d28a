import type { Router } from 'express';
import { businessCategories } from '../../../commands/perks/catalogue.js';
import { businessCategoryFields } from '../../../domain/perks/events.js';
import { findBusinessCategory, listBusinessCategories } from '../../../projections/perks/queries.js';
import type { ApiContext } from '../../context.js';
import { catalogueListRoutes } from '../../shared/catalogue-entity.js';
import { camelFields } from '../../shared/catalogue-fields.js';
import { presentBusinessCategory } from './present.js';
import { businessCategoryBody } from './schemas.js';

/** Business categories: apps read them, the program writes them. */
export const businessCategoryRoutes = (ctx: ApiContext): Router =>
  catalogueListRoutes(ctx, {
    projection: 'perks',
    path: '/v1/business-categories',
    what: 'business category',
    list: listBusinessCategories,
    create: (body) =>
      businessCategoryFields.parse(camelFields(businessCategoryBody.create.parse(body).business_category)),
    patch: (body) => camelFields(businessCategoryBody.patch.parse(body).business_category),
    commands: businessCategories,
    find: findBusinessCategory,
    present: presentBusinessCategory,
  });
