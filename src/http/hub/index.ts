import type { ApiContext } from '../context.js';
import { hubPublicRoutes } from './hubs/public-routes.js';
import { hubRoutes } from './hubs/routes.js';
import { hubOpenapi } from './openapi.js';

/** Seed 004's loyalty hub: the hub, its customers and their access, its stores. */
export const hubHttp = {
  routers: (ctx: ApiContext) => [hubPublicRoutes(ctx), hubRoutes(ctx)],
  webhookSources: [],
  openapi: hubOpenapi,
};
