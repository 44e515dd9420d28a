import type { Knex } from 'knex';
import type { EventStore, RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../../projections/projection.js';
import { activeSubscriptionsFor, listensToWebhooks } from '../../projections/webhooks/queries.js';
import { pendingForEvents, recordDeliveries, type NewDelivery } from '../../projections/webhooks/deliveries/queries.js';
import { enqueueDeliveries, type WebhookQueue } from '../../projections/webhooks/deliveries/queue.js';
import type { WebhookSource } from '../../projections/webhooks/webhook-source.js';

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
  const byType = new Map<string, WebhookSource[]>();
  for (const source of deps.sources) {
    for (const type of source.eventTypes) byType.set(type, [...(byType.get(type) ?? []), source]);
  }
  const messagesOf = async (event: RecordedEvent, trx: Knex.Transaction) => {
    const all = await Promise.all(
      (byType.get(event.type) ?? []).map(async (source) => source.messages(event, { store: deps.store, trx })),
    );
    return all.flat();
  };
  return {
    name: 'webhook-dispatcher',
    version: 1,
    eventTypes: [...byType.keys()],
    // Deliveries are history, not a view: a rebuild must not send everything again.
    tables: [],
    async apply(trx, event) {
      await this.applyBatch!(trx, [event]);
    },
    async applyBatch(trx, events) {
      const subscriptions = new Map<string, Promise<Array<{ id: string }>>>();
      const listening = new Map<string, Promise<boolean>>();
      const planned: NewDelivery[] = [];
      for (const event of events) {
        const programId = event.metadata.tenantId;
        if (!programId) continue;
        // Building a payload folds streams and opens sealed fields: not for a program nobody would send it to.
        if (!listening.has(programId)) listening.set(programId, listensToWebhooks(trx, programId));
        if (!(await listening.get(programId))) continue;
        for (const message of await messagesOf(event, trx)) {
          const key = `${programId}\n${message.name}`;
          if (!subscriptions.has(key)) subscriptions.set(key, activeSubscriptionsFor(trx, programId, message.name));
          const body = JSON.stringify(message.payload);
          for (const subscription of await subscriptions.get(key)!) {
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
      await recordDeliveries(trx, planned);
    },
    async afterCommit(events) {
      await enqueueDeliveries(
        deps.queue,
        await pendingForEvents(
          deps.knex,
          events.map((e) => e.id),
        ),
        deps.tries,
      );
    },
  };
}
