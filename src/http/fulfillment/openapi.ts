import { documentOutboxAttachments } from './mail/openapi.js';
import { documentAccess } from './promotions/access-openapi.js';
import { documentRedemptions } from './redemptions/openapi.js';
import { documentCard, documentOrders } from './orders/openapi.js';
import { documentPromotions } from './promotions/openapi.js';
import { documentRewards } from './rewards/openapi.js';

/** Documents the fulfillment context's paths in the registry. */
export function fulfillmentOpenapi(): void {
  documentRewards();
  documentPromotions();
  documentOrders();
  documentCard();
  documentOutboxAttachments();
  documentAccess();
  documentRedemptions();
}
