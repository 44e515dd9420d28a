import { tenancyOpenapi } from './openapi.js';
import { tenancyRoutes, type TenancyDeps } from './routes.js';

/** Programs, their credentials, settings and keys. */
export const tenancyHttp = {
  routers: (deps: TenancyDeps) => [tenancyRoutes(deps)],
  webhookSources: [],
  openapi: tenancyOpenapi,
};
