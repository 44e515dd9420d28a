import type { Knex } from 'knex';
import { memberWebhookPayloads } from '../../domain/webhooks/payloads/members.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../../projections/projection.js';
import { activeSubscriptionsFor } from '../../projections/webhooks/queries.js';
import { pendingForEvents, recordDeliveries, type NewDelivery } from './deliveries.js';
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
      await this.applyBatch!(trx, [event]);
    },
    async applyBatch(trx, events) {
      const subscriptions = new Map<string, Promise<Array<{ id: string }>>>();
      const planned: NewDelivery[] = [];
      for (const event of events) {
        for (const message of webhookMessages(event)) {
          const key = `${message.programId}\n${message.name}`;
          if (!subscriptions.has(key)) subscriptions.set(key, activeSubscriptionsFor(trx, message.programId, message.name));
          const body = JSON.stringify(message.payload);
          for (const subscription of await subscriptions.get(key)!) {
            planned.push({ programId: message.programId, subscriptionId: subscription.id, eventName: message.name, sourceEventId: event.id, body });
          }
        }
      }
      await recordDeliveries(trx, planned);
    },
    async afterCommit(events) {
      await enqueueDeliveries(deps.queue, await pendingForEvents(deps.knex, events.map((e) => e.id)), deps.tries);
    },
  };
}
