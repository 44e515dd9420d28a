import type { z } from 'zod';
import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import { fulfillmentPayloadSchemas } from '../../fulfillment/webhooks/payloads.js';
import { memberPayloadSchemas } from '../../members/members/payloads.js';
import { usePayloadSchemas } from '../../perks/uses/payloads.js';
import {
  bankAssociationNotification,
  bankConnectionsUpdate,
  bankConnectionsUpdateV2,
  bankStatusUpdate,
} from './banks.js';
import { givingPayloadSchemas } from './giving.js';
import { claimUpdate, offerUpdated, rewardUpdated } from './offers.js';
import {
  cashbackMethodUpdated,
  cashbacksUpdated,
  customerCreation,
  customerSubscription,
  customerTransactions,
  receiptUpdated,
  storeListUpdated,
} from './shopping-hub.js';

/**
 * The payload of every webhook event: seed 004's flat bodies as its "Webhooks"
 * section documents them, and the `{id, type, created_at, data}` envelope of seed
 * 002 and the member surface.
 */
export const webhookPayloadSchemas = {
  customer_creation: customerCreation,
  customer_subscription: customerSubscription,
  customer_transactions: customerTransactions,
  receipt_updated: receiptUpdated,
  cashback_method_updated: cashbackMethodUpdated,
  bank_connections_update: bankConnectionsUpdate,
  bank_connections_update_v2: bankConnectionsUpdateV2,
  bank_association_notification: bankAssociationNotification,
  bank_status_update: bankStatusUpdate,
  claim_update: claimUpdate,
  cashbacks_updated: cashbacksUpdated,
  store_list_updated: storeListUpdated,
  offer_updated: offerUpdated,
  reward_updated: rewardUpdated,
  ...givingPayloadSchemas,
  ...memberPayloadSchemas,
  ...usePayloadSchemas,
  ...fulfillmentPayloadSchemas,
} as const satisfies Record<WebhookEventName, z.ZodType>;

export type WebhookPayloadSchemas = typeof webhookPayloadSchemas;
export type WebhookPayload<N extends WebhookEventName = WebhookEventName> = z.output<WebhookPayloadSchemas[N]>;

/** Validates a payload before it is signed and sent: throws a ZodError when it does not match. */
export function parseWebhookPayload<N extends WebhookEventName>(name: N, payload: unknown): WebhookPayload<N> {
  return webhookPayloadSchemas[name].parse(payload) as WebhookPayload<N>;
}

export { formatMinor, moneyString } from './common.js';
