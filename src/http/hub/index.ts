import type { ApiContext } from '../context.js';
import type { DeliveryRoutesDeps } from '../webhooks/deliveries.js';
import { hubExternalTokenRoutes } from './auth/external-token.js';
import { hubAuthRoutes } from './auth/routes.js';
import { bankProviders } from './banks/providers.js';
import { bankRoutes } from './banks/routes.js';
import { hubBanksWebhookSource } from './banks/webhooks.js';
import { documentCashbacks } from './cashbacks/openapi.js';
import { cashbackRoutes } from './cashbacks/routes.js';
import { cashbackMethodWebhookSource, cashbacksWebhookSource } from './cashbacks/webhooks.js';
import { connectionsWebhookSource } from './connections/webhooks.js';
import { smsCallbackRoutes } from './auth/sms-callback.js';
import { customerProgramRoutes } from './customers/program-routes.js';
import { customerRoutes } from './customers/routes.js';
import { customersWebhookSource } from './customers/webhooks.js';
import { favoriteAccountRoutes } from './customers/favorite-account.js';
import { hubPublicRoutes } from './hubs/public-routes.js';
import { hubRoutes } from './hubs/routes.js';
import { hubOpenapi } from './openapi.js';
import { jobRoutes } from './jobs/routes.js';
import { hubOutbox } from './outbox-source.js';
import { testFireRoutes } from './pushes/test-fire.js';
import { pushesWebhookSource } from './pushes/webhooks.js';
import { storeRoutes } from './stores/routes.js';
import { storeListsWebhookSource } from './stores/webhooks.js';
import { documentTransactions } from './transactions/openapi.js';
import { transactionRoutes } from './transactions/routes.js';
import { documentOffers } from './offers/openapi.js';
import { offerRoutes } from './offers/routes.js';
import { offersWebhookSource } from './offers/webhooks.js';
import { pointsRoutes } from './points/routes.js';
import { documentRewards } from './rewards/openapi.js';
import { rewardRoutes } from './rewards/routes.js';
import { rewardsWebhookSource } from './rewards/webhooks.js';
import { firstReceiptRoutes } from './auth/first-receipt.js';
import { receiptRoutes } from './receipts/routes.js';
import { receiptsWebhookSource } from './receipts/webhooks.js';
import { claimRoutes } from './claims/routes.js';
import { claimsWebhookSource } from './claims/webhooks.js';
import { documentReceiptsAndClaims } from './receipts/openapi.js';
import { recommendationRoutes } from './recommendations.js';
import { documentRecommendations } from './recommendations-openapi.js';

/** Seed 004's loyalty hub: the hub, its customers and their access, its stores. */
export const hubHttp = {
  routers: (ctx: ApiContext & { readonly deliveries: DeliveryRoutesDeps }) => [
    hubPublicRoutes(ctx),
    hubRoutes(ctx),
    hubAuthRoutes(ctx),
    hubExternalTokenRoutes(ctx),
    smsCallbackRoutes(ctx),
    customerRoutes(ctx),
    customerProgramRoutes(ctx),
    storeRoutes(ctx),
    bankRoutes(ctx, bankProviders()),
    jobRoutes(ctx),
    transactionRoutes(ctx),
    offerRoutes(ctx),
    rewardRoutes(ctx),
    pointsRoutes(ctx),
    recommendationRoutes(ctx),
    cashbackRoutes(ctx),
    favoriteAccountRoutes(ctx),
    testFireRoutes(ctx),
    firstReceiptRoutes(ctx),
    receiptRoutes(ctx),
    claimRoutes(ctx),
  ],
  webhookSources: [
    customersWebhookSource,
    storeListsWebhookSource,
    hubBanksWebhookSource,
    connectionsWebhookSource,
    pushesWebhookSource,
    offersWebhookSource,
    rewardsWebhookSource,
    cashbacksWebhookSource,
    cashbackMethodWebhookSource,
    receiptsWebhookSource,
    claimsWebhookSource,
  ],
  openapi: () => {
    hubOpenapi();
    documentTransactions();
    documentOffers();
    documentRewards();
    documentRecommendations();
    documentCashbacks();
    documentReceiptsAndClaims();
  },
  outbox: hubOutbox,
};
