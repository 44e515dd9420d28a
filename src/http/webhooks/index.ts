import { deliveriesOpenapi } from './deliveries-openapi.js';
import { deliveryRoutes, type DeliveryRoutesDeps } from './deliveries.js';
import { webhooksOpenapi } from './openapi.js';
import { webhooksRoutes, type WebhooksDeps } from './routes.js';

/** Subscriptions, their deliveries and the sample route. */
export const webhooksHttp = {
  routers: (deps: Omit<WebhooksDeps, 'box' | 'lookup'> & { readonly deliveries: DeliveryRoutesDeps }) => [
    webhooksRoutes(deps),
    deliveryRoutes(deps.deliveries),
  ],
  webhookSources: [],
  openapi: (): void => {
    deliveriesOpenapi();
    webhooksOpenapi();
  },
};
