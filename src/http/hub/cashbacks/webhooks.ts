import { foldStream } from '../../../commands/fold-stream.js';
import { cashbackDecider } from '../../../domain/hub/cashbacks/cashback.js';
import { cashbackEvents } from '../../../domain/hub/cashbacks/events.js';
import { customerEvents } from '../../../domain/hub/customers/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { parseWebhookPayload } from '../../webhooks/payloads/index.js';
import { customerAndShoppingHub } from '../customers/webhooks.js';

/** The customer's registration ids: the stream's first event, which a deletion leaves as it was. */
async function customerIds(ctx: WebhookSourceContext, customerId: string) {
  const [first] = await ctx.store.readStream(`customer-${customerId}`, { maxCount: 1 });
  const registered =
    first?.type === 'CustomerRegistrationStarted' ? customerEvents.CustomerRegistrationStarted.parse(first.data) : null;
  if (!registered) return null;
  return customerAndShoppingHub(ctx, {
    customerId,
    customerExternalId: registered.profile.customerExternalId,
    hubId: registered.hubId,
  });
}

const STATUS = {
  CashbackSucceeded: 'SUCCEEDED',
  CashbackFailed: 'FAILED',
  CashbackReceived: 'RECEIVED',
  CashbackRejected: 'REJECTED',
} as const;

/**
 * cashbacks_updated: one cashback per payload (ambiguity 29), folded from the cashback's stream up to the event, so a
 * redelivery says the same. A cashback rejected before any transfer has an empty `transferId`.
 */
export const cashbacksWebhookSource: WebhookSource = {
  eventTypes: Object.keys(STATUS),
  names: ['cashbacks_updated'],
  async messages(event, ctx) {
    const status = STATUS[event.type as keyof typeof STATUS];
    const { state } = await foldStream(ctx.store, cashbackDecider, cashbackEvents, event.streamName, event.revision);
    if (state.status === 'none') return [];
    const ids = await customerIds(ctx, state.requested.customerId);
    if (!ids) return [];
    const cashback = { status, transferId: state.transferId ?? '', externalId: state.requested.externalId };
    return [
      {
        name: 'cashbacks_updated',
        payload: parseWebhookPayload('cashbacks_updated', {
          event: 'cashbacks_updated',
          cashbacks: [cashback],
          ...ids,
        }),
      },
    ];
  },
};

/** cashback_method_updated `missing` / `retrieved`, in the seed's shape. */
export const cashbackMethodWebhookSource: WebhookSource = {
  eventTypes: ['CashbackMethodMissing', 'CashbackMethodRetrieved'],
  names: ['cashback_method_updated'],
  async messages(event, ctx) {
    const parsed = parseEvent(customerEvents, event.type, event.data);
    if (parsed?.type !== 'CashbackMethodMissing' && parsed?.type !== 'CashbackMethodRetrieved') return [];
    const ids = await customerIds(ctx, parsed.data.customerId);
    if (!ids) return [];
    const status = parsed.type === 'CashbackMethodMissing' ? 'missing' : 'retrieved';
    return [
      {
        name: 'cashback_method_updated',
        payload: parseWebhookPayload('cashback_method_updated', { event: 'cashback_method_updated', status, ...ids }),
      },
    ];
  },
};
