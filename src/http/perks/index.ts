import { causesOpenapi } from '../causes/openapi.js';
import { causeCategoryRoutes } from '../causes/categories/routes.js';
import { causeRoutes } from '../causes/causes/routes.js';
import type { ApiContext } from '../context.js';
import { businessRoutes } from './businesses/routes.js';
import { businessCategoryRoutes } from './categories/routes.js';
import { perksOpenapi } from './openapi.js';
import { partnerCodeRoutes } from './partner-codes/routes.js';
import { perkRoutes } from './perks/routes.js';
import { perksWebhookSource } from './uses/webhooks.js';
import { useRoutes } from './uses/routes.js';
import { routersOf } from '../shared/route-routers.js';

/** Perks and causes: the catalogue, its reads and the uses of perks. */
export const perksHttp = {
  routers: routersOf<ApiContext>(
    useRoutes,
    businessCategoryRoutes,
    businessRoutes,
    perkRoutes,
    partnerCodeRoutes,
    causeCategoryRoutes,
    causeRoutes,
  ),
  webhookSources: [perksWebhookSource],
  openapi: (): void => {
    perksOpenapi();
    causesOpenapi();
  },
};
