import type { Knex } from 'knex';
import type { EventStore, RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../../projections/projection.js';
import { activeSubscriptionsFor, anyListensToWebhooks, listensToWebhooks } from '../../projections/webhooks/queries.js';
import { pendingForEvents, recordDeliveries, type NewDelivery } from '../../projections/webhooks/deliveries/queries.js';
import { enqueueDeliveries, type WebhookQueue } from '../../projections/webhooks/deliveries/queue.js';
import type { WebhookSource } from '../../projections/webhooks/webhook-source.js';
import type { WebhookEventName } from '../../domain/webhooks/event-names.js';

export interface DispatcherDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly queue: WebhookQueue;
  readonly tries: number;
  /** Every context's payload sources, from the list of contexts. */
  readonly sources: readonly WebhookSource[];
}

/**
 * Turns events into delivery rows, one per matching active subscription, in
 * the runner's transaction with its checkpoint: no event is lost or doubled
 * across a crash. The jobs are enqueued after the commit; a crash in between
 * leaves pending rows, which the reconciler enqueues.
 */
export function webhookDispatcher(deps: DispatcherDeps): Projection {
  // The events a page planned deliveries for: a page that planned none has nothing to enqueue and asks nothing.
  const planning = new WeakSet<RecordedEvent>();
  const byType = new Map<string, WebhookSource[]>();
  for (const source of deps.sources) {
    for (const type of source.eventTypes) byType.set(type, [...(byType.get(type) ?? []), source]);
  }
  return {
    name: 'webhook-dispatcher',
    version: 1,
    eventTypes: [...byType.keys()],
    // Deliveries are history, not a view: a rebuild must not send everything again.
    tables: [],
    async apply(trx, event) {
      await this.applyBatch!(trx, [event]);
    },
    // One statement per page, whatever the number of programs in it.
    async skips(events) {
      const programs = new Set(events.flatMap((e) => e.metadata.tenantId ?? []));
      return !(await anyListensToWebhooks(deps.knex, [...programs]));
    },
    async applyBatch(trx, events) {
      const subscriptions = new Map<string, Promise<Array<{ id: string }>>>();
      const subscribed = (programId: string, name: WebhookEventName) => {
        const key = `${programId}\n${name}`;
        if (!subscriptions.has(key)) subscriptions.set(key, activeSubscriptionsFor(trx, programId, name));
        return subscriptions.get(key)!;
      };
      const wanted = async (programId: string, source: WebhookSource) =>
        !source.names ||
        (await Promise.all(source.names.map((name) => subscribed(programId, name)))).some((s) => s.length > 0);
      const listening = new Map<string, Promise<boolean>>();
      const planned: NewDelivery[] = [];
      for (const event of events) {
        const programId = event.metadata.tenantId;
        if (!programId) continue;
        // Building a payload folds streams and opens sealed fields: not for a program nobody would send it to.
        if (!listening.has(programId)) listening.set(programId, listensToWebhooks(trx, programId));
        if (!(await listening.get(programId))) continue;
        for (const source of byType.get(event.type) ?? []) {
          if (!(await wanted(programId, source))) continue;
          for (const message of await source.messages(event, { store: deps.store, trx })) {
            const body = JSON.stringify(message.payload);
            for (const subscription of await subscribed(programId, message.name)) {
              planning.add(event);
              planned.push({
                programId,
                subscriptionId: subscription.id,
                eventName: message.name,
                sourceEventId: event.id,
                body,
              });
            }
          }
        }
      }
      await recordDeliveries(trx, planned);
    },
    async afterCommit(events) {
      const sources = events.filter((e) => planning.has(e)).map((e) => e.id);
      if (sources.length === 0) return;
      await enqueueDeliveries(deps.queue, await pendingForEvents(deps.knex, sources), deps.tries);
    },
  };
}
