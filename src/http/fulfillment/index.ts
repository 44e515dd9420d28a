import { Router } from 'express';
import type { ApiContext } from '../context.js';
import { fulfillmentOf } from './common.js';
import { fulfillmentOpenapi } from './openapi.js';
import { fulfillmentOutbox, outboxRoutes } from './mail/routes.js';
import { accessRoutes } from './promotions/access-routes.js';
import { claimRoutes } from './redemptions/claims.js';
import { redemptionRoutes } from './redemptions/routes.js';
import { cardRoutes } from './orders/card-routes.js';
import { orderRoutes } from './orders/routes.js';
import { promotionRoutes } from './promotions/routes.js';
import { rewardRoutes } from './rewards/routes.js';
import { ordersWebhookSource, promotionsWebhookSource, redemptionsWebhookSource } from './webhooks/source.js';

/** Rewards fulfillment (seeds 001/003): the catalogue, promotions and orders. */
export const fulfillmentHttp = {
  routers: (ctx: ApiContext) => {
    const fulfillment = fulfillmentOf(ctx);
    return [
      Router().use(fulfillment.fence.middleware()),
      rewardRoutes(ctx, fulfillment),
      promotionRoutes(ctx, fulfillment),
      orderRoutes(ctx, fulfillment),
      cardRoutes(ctx, fulfillment),
      outboxRoutes(ctx),
      accessRoutes(ctx, fulfillment),
      redemptionRoutes(ctx, fulfillment),
      claimRoutes(ctx),
    ];
  },
  webhookSources: [ordersWebhookSource, redemptionsWebhookSource, promotionsWebhookSource],
  openapi: fulfillmentOpenapi,
  outbox: fulfillmentOutbox,
};
