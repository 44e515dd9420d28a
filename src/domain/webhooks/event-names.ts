/** The webhook events a subscription may ask for: seed 004's, seed 002's, and the member surface's. */
export const SEED_004_EVENTS = [
  'customer_creation',
  'customer_subscription',
  'customer_transactions',
  'receipt_updated',
  'cashback_method_updated',
  'bank_connections_update',
  'bank_connections_update_v2',
  'bank_association_notification',
  'bank_status_update',
  'claim_update',
  'cashbacks_updated',
  'store_list_updated',
  'offer_updated',
  'reward_updated',
] as const;

export const GIVING_EVENTS = [
  'donation.created',
  'donation.deleted',
  'donation.refunded',
  'contact.created',
  'contact.deleted',
  'campaign.created',
  'campaign.disabled',
] as const;

export const MEMBER_EVENTS = [
  'member.registered',
  'member.subscription_changed',
  'use.created',
  'use.feedback_given',
  'member.donation_made',
] as const;

/** Rewards fulfillment (seeds 001/003): orders, redemptions and promotions; never a code or a redemption URL. */
export const FULFILLMENT_EVENTS = [
  'order.created',
  'order.delivered',
  'order.failed',
  'order.canceled',
  'order.expired',
  'redemption.created',
  'promotion.created',
  'promotion.updated',
] as const;

export const WEBHOOK_EVENT_NAMES = [
  ...SEED_004_EVENTS,
  ...GIVING_EVENTS,
  ...MEMBER_EVENTS,
  ...FULFILLMENT_EVENTS,
] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

export const isWebhookEventName = (name: string): name is WebhookEventName =>
  (WEBHOOK_EVENT_NAMES as readonly string[]).includes(name);

/**
 * `/v1/admin/webhook/customerTransactions` names `customer_transactions`; `donationCreated` names `donation.created`.
 */
export function fromCamelCase(camel: string): WebhookEventName | undefined {
  const normalise = (name: string): string => name.replace(/[._]/g, '').toLowerCase();
  return WEBHOOK_EVENT_NAMES.find((name) => normalise(name) === camel.toLowerCase());
}
