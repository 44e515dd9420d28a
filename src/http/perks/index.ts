import { causesOpenapi } from '../causes/openapi.js';
import { causesRoutes } from '../causes/routes.js';
import type { ApiContext } from '../context.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { perksOpenapi } from './openapi.js';
import { readRoutes } from './read-routes.js';
import { perksWebhookSource } from './uses/webhooks.js';
import { usesRoutes } from './uses-routes.js';

/** Perks and causes: the catalogue, its reads and the uses of perks. */
export const perksHttp = {
  routers: (ctx: ApiContext) => [usesRoutes(ctx), catalogueRoutes(ctx), readRoutes(ctx), causesRoutes(ctx)],
  webhookSources: [perksWebhookSource],
  openapi: (): void => {
    perksOpenapi();
    causesOpenapi();
  },
};
