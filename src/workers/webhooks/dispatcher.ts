import type { Knex } from 'knex';
import { memberWebhookPayloads } from '../../domain/webhooks/payloads/members.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../../projections/projection.js';
import { activeSubscriptionsFor } from '../../projections/webhooks/queries.js';
import { pendingForEvents, recordDelivery } from './deliveries.js';
import { enqueueDeliveries, type WebhookQueue } from './queue.js';

export interface WebhookMessage {
  readonly programId: string;
  readonly name: string;
  readonly payload: unknown;
}

/** The domain events that make webhooks, and what each makes. */
const MEMBER_EVENT_TYPES = ['MemberRegistered', 'MemberSubscribed', 'MemberSubscriptionStopped'];

export function webhookMessages(event: RecordedEvent): WebhookMessage[] {
  const programId = event.metadata.tenantId;
  if (!programId) return [];
  return memberWebhookPayloads(event, { eventId: event.id, createdAt: event.createdAt.toISOString() }).map((m) => ({ programId, name: m.name, payload: m.payload }));
}

/**
 * Turns events into delivery rows, one per matching active subscription, in
 * the runner's transaction with its checkpoint: no event is lost or doubled
 * across a crash. The jobs are enqueued after the commit; a crash in between
 * leaves pending rows, which the reconciler enqueues.
 */
export function webhookDispatcher(deps: { knex: Knex; queue: WebhookQueue; tries: number }): Projection {
  return {
    name: 'webhook-dispatcher',
    version: 1,
    eventTypes: MEMBER_EVENT_TYPES,
    // Deliveries are history, not a view: a rebuild must not send everything again.
    tables: [],
    async apply(trx, event) {
      for (const message of webhookMessages(event)) {
        const subscriptions = await activeSubscriptionsFor(trx, message.programId, message.name);
        for (const subscription of subscriptions) {
          await recordDelivery(trx, { programId: message.programId, subscriptionId: subscription.id, eventName: message.name, sourceEventId: event.id, body: JSON.stringify(message.payload) });
        }
      }
    },
    async afterCommit(events) {
      await enqueueDeliveries(deps.queue, await pendingForEvents(deps.knex, events.map((e) => e.id)), deps.tries);
    },
  };
}
