import { foldStream } from '../../../commands/fold-stream.js';
import { customerStream } from '../../../commands/hub/streams.js';
import { cashbackDecider } from '../../../domain/hub/cashbacks/cashback.js';
import { cashbackEvents } from '../../../domain/hub/cashbacks/events.js';
import { customerEvents } from '../../../domain/hub/customers/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage, statusWebhookSource } from '../../shared/status-webhook-source.js';
import { registeredCustomer } from '../customers/webhooks.js';

/** The customer's ids: its stream's registration, which a deletion leaves as it was. */
const customerIds = async (ctx: WebhookSourceContext, customerId: string) =>
  (await registeredCustomer(ctx, customerStream(customerId)))?.ids ?? null;

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
export const cashbacksWebhookSource = statusWebhookSource('cashbacks_updated', STATUS, async (event, ctx, status) => {
  const { state } = await foldStream(ctx.store, cashbackDecider, cashbackEvents, event.streamName, event.revision);
  if (state.status === 'none') return undefined;
  const ids = await customerIds(ctx, state.requested.customerId);
  if (!ids) return undefined;
  const cashback = { status, transferId: state.transferId ?? '', externalId: state.requested.externalId };
  return { cashbacks: [cashback], ...ids };
});

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
    return [namedMessage('cashback_method_updated', { status, ...ids })];
  },
};
