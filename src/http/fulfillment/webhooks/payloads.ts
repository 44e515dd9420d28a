import { z } from 'zod';
import { envelope, isoDateTime, moneyString } from '../../webhooks/payloads/common.js';

/*
 * Fulfillment's events in seed 002's envelope. `data` is the order, redemption or promotion as the API shows it,
 * without `reward_codes` and without `delivery.redemption_url`: a subscriber fetches the codes with its credentials.
 * Strict objects, so a code can never slip into a payload by a field nobody chose.
 */

const money = z.strictObject({ amount: moneyString, currency: z.string().length(3) });
const nullableText = z.string().nullable();

export const orderResource = z.strictObject({
  id: z.string(),
  order_id: z.string(),
  testing: z.boolean(),
  status: z.enum(['pending', 'processing', 'delivered', 'failed', 'canceled', 'expired']),
  promotion: z.strictObject({ id: z.string(), name: z.string() }),
  reward: z.strictObject({
    sku: z.string(),
    name: z.string(),
    provider: z.strictObject({ id: z.string(), name: z.string() }),
  }),
  value: money,
  user: z
    .strictObject({ id: nullableText, email: nullableText, first_name: nullableText, last_name: nullableText })
    .nullable(),
  delivery: z.strictObject({
    method: z.enum(['none', 'email', 'link']),
    status: z.enum(['pending', 'sent', 'failed']).nullable(),
    email: nullableText,
  }),
  failure_reason: nullableText,
  created_datetime: isoDateTime,
  delivered_datetime: isoDateTime.nullable(),
  expiration_datetime: isoDateTime.nullable(),
  updated_datetime: isoDateTime,
});

export const redemptionResource = z.strictObject({
  id: z.string(),
  order: z.strictObject({ id: z.string(), order_id: z.string() }),
  promotion_id: z.string(),
  reward: z.strictObject({ sku: z.string(), name: z.string() }),
  value: money,
  user: z.strictObject({ id: nullableText }).nullable(),
  authentication_system: z.enum(['none', 'token', 'user_id']),
  /** The last 4 characters of the token, when one was the proof. */
  token_hint: nullableText,
  redeemed_datetime: isoDateTime,
});

const offerStatus = z.enum(['enabled', 'paused', 'disabled']);

export const promotionResource = z.strictObject({
  id: z.string(),
  name: z.string(),
  start_datetime: isoDateTime,
  end_datetime: isoDateTime,
  status: z.enum(['enabled', 'paused', 'completed', 'disabled']),
  state: z.enum(['pending', 'ready', 'ended']),
  rewards: z.array(z.strictObject({ sku: z.string(), status: offerStatus, in_stock: z.boolean() })),
  authentication_systems: z.array(z.enum(['none', 'token', 'user_id'])),
  redeem_frequency: z.enum(['single', 'multiple']),
  budget: money,
  budget_reserved: moneyString,
  budget_spent: moneyString,
  budget_remaining: moneyString,
  link_ttl_days: z.number().int(),
  redemption_url_template: nullableText,
  created_datetime: isoDateTime,
  updated_datetime: isoDateTime,
});

export const fulfillmentPayloadSchemas = {
  'order.created': envelope('order.created', orderResource),
  'order.delivered': envelope('order.delivered', orderResource),
  'order.failed': envelope('order.failed', orderResource),
  'order.canceled': envelope('order.canceled', orderResource),
  'order.expired': envelope('order.expired', orderResource),
  'redemption.created': envelope('redemption.created', redemptionResource),
  'promotion.created': envelope('promotion.created', promotionResource),
  'promotion.updated': envelope('promotion.updated', promotionResource),
} as const;
