import type { WebhookPayload } from '../../webhooks/payloads/index.js';
import { envelopeHead } from '../../webhooks/samples/envelope.js';
import { at, DAY, MINUTE, type SampleContext } from '../../webhooks/samples/time.js';

/* Fulfillment's events: `ctx.id(1)` is the event's id, `ctx.id(2)` the order's, `ctx.id(3)` the promotion's. */

type OrderStatus = WebhookPayload<'order.created'>['data']['status'];

function order(ctx: SampleContext, status: OrderStatus, method: 'none' | 'email' | 'link' = 'email') {
  const delivered = status === 'delivered';
  return {
    id: ctx.id(2),
    order_id: 'ORD123-L987-0',
    testing: true,
    status,
    promotion: { id: ctx.id(3), name: 'Merci pour votre fidélité' },
    reward: {
      sku: 'SANDBOX-GIFT-10EUR',
      name: 'Sandbox gift card 10 EUR',
      provider: { id: 'sandbox', name: 'Sandbox' },
    },
    value: { amount: '10.00', currency: 'EUR' },
    user: { id: 'user-42', email: 'camille.durand@example.org', first_name: 'Camille', last_name: 'Durand' },
    delivery: {
      method,
      status: method === 'email' ? (delivered ? ('sent' as const) : ('pending' as const)) : null,
      email: method === 'email' ? 'camille.durand@example.org' : null,
    },
    failure_reason: status === 'failed' ? 'the mail to camille.durand@example.org bounced' : null,
    created_datetime: at(ctx, -MINUTE),
    delivered_datetime: delivered ? at(ctx) : null,
    expiration_datetime: method === 'link' ? at(ctx, 29 * DAY) : null,
    updated_datetime: at(ctx),
  };
}

function promotion(ctx: SampleContext) {
  return {
    id: ctx.id(3),
    name: 'Merci pour votre fidélité',
    start_datetime: at(ctx, -DAY),
    end_datetime: at(ctx, 90 * DAY),
    status: 'enabled' as const,
    state: 'ready' as const,
    rewards: [{ sku: 'SANDBOX-GIFT-10EUR', status: 'enabled' as const, in_stock: true }],
    authentication_systems: ['token' as const, 'user_id' as const],
    redeem_frequency: 'single' as const,
    budget: { amount: '5000.00', currency: 'EUR' },
    budget_reserved: '0.00',
    budget_spent: '0.00',
    budget_remaining: '5000.00',
    link_ttl_days: 30,
    redemption_url_template: 'https://rewards.example.org/claim/{claim_code}',
    created_datetime: at(ctx, -DAY),
    updated_datetime: at(ctx),
  };
}

export const fulfillmentSamples = {
  'order.created': (ctx: SampleContext): WebhookPayload<'order.created'> => ({
    ...envelopeHead(ctx, 'order.created'),
    data: order(ctx, 'processing'),
  }),
  'order.delivered': (ctx: SampleContext): WebhookPayload<'order.delivered'> => ({
    ...envelopeHead(ctx, 'order.delivered'),
    data: order(ctx, 'delivered'),
  }),
  'order.failed': (ctx: SampleContext): WebhookPayload<'order.failed'> => ({
    ...envelopeHead(ctx, 'order.failed'),
    data: order(ctx, 'failed'),
  }),
  'order.canceled': (ctx: SampleContext): WebhookPayload<'order.canceled'> => ({
    ...envelopeHead(ctx, 'order.canceled'),
    data: order(ctx, 'canceled', 'link'),
  }),
  'order.expired': (ctx: SampleContext): WebhookPayload<'order.expired'> => ({
    ...envelopeHead(ctx, 'order.expired'),
    data: { ...order(ctx, 'expired', 'link'), expiration_datetime: at(ctx) },
  }),
  'redemption.created': (ctx: SampleContext): WebhookPayload<'redemption.created'> => ({
    ...envelopeHead(ctx, 'redemption.created'),
    data: {
      id: ctx.id(4),
      order: { id: ctx.id(2), order_id: 'ORD123-L987-0' },
      promotion_id: ctx.id(3),
      reward: { sku: 'SANDBOX-GIFT-10EUR', name: 'Sandbox gift card 10 EUR' },
      value: { amount: '10.00', currency: 'EUR' },
      user: { id: 'user-42' },
      authentication_system: 'token',
      token_hint: 'K7QZ',
      redeemed_datetime: at(ctx),
    },
  }),
  'promotion.created': (ctx: SampleContext): WebhookPayload<'promotion.created'> => ({
    ...envelopeHead(ctx, 'promotion.created'),
    data: { ...promotion(ctx), updated_datetime: at(ctx, -DAY) },
  }),
  'promotion.updated': (ctx: SampleContext): WebhookPayload<'promotion.updated'> => ({
    ...envelopeHead(ctx, 'promotion.updated'),
    data: { ...promotion(ctx), budget_reserved: '10.00', budget_spent: '40.00', budget_remaining: '4950.00' },
  }),
};
