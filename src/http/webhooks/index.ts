import { deliveryRoutes, type DeliveryRoutesDeps } from './deliveries.js';
import { webhooksRoutes, type WebhooksDeps } from './routes.js';

/** Subscriptions, their deliveries and the sample route. */
export const webhooksHttp = {
  routers: (deps: Omit<WebhooksDeps, 'box' | 'lookup'> & { readonly deliveries: DeliveryRoutesDeps }) => [webhooksRoutes(deps), deliveryRoutes(deps.deliveries)],
  webhookSources: [],
  openapi: async (): Promise<void> => {
    await Promise.all([import('./openapi.js'), import('./deliveries-openapi.js')]);
  },
};
