import type { Knex } from 'knex';
import { parseEvent } from '../../domain/shared/events.js';
import { webhookSubscriptionEvents, type WebhookSubscriptionEvent } from '../../domain/webhooks/subscription-events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';

export const WEBHOOK_SUBSCRIPTIONS_PROJECTION = 'webhook-subscriptions';

type Handlers = {
  [T in WebhookSubscriptionEvent['type']]: (
    trx: Knex.Transaction,
    data: Extract<WebhookSubscriptionEvent, { type: T }>['data'],
    event: RecordedEvent,
  ) => Promise<unknown>;
};

/** The stored revision makes a replayed event change nothing. */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, at: string, changes: Record<string, unknown>) =>
  trx('rm_webhook_subscriptions')
    .where({ id })
    .andWhere('version', '<', event.revision.toString())
    .update({ ...changes, updated_at: at, version: event.revision.toString() });

const handlers: Handlers = {
  WebhookSubscriptionCreated: (
    trx,
    { subscriptionId, programId, name, url, events, active, secretCiphertext, createdAt },
    event,
  ) =>
    trx('rm_webhook_subscriptions')
      .insert({
        id: subscriptionId,
        program_id: programId,
        name,
        url,
        events,
        active,
        secret_ciphertext: secretCiphertext,
        created_at: createdAt,
        updated_at: createdAt,
        version: event.revision.toString(),
      })
      .onConflict('id')
      .ignore(),
  WebhookSubscriptionUpdated: (trx, { subscriptionId, changes, updatedAt }, event) =>
    bump(trx, subscriptionId, event, updatedAt, changes),
  WebhookSubscriptionDeactivated: (trx, { subscriptionId, deactivatedAt }, event) =>
    bump(trx, subscriptionId, event, deactivatedAt, { active: false }),
  WebhookSubscriptionDeleted: (trx, { subscriptionId, deletedAt }, event) =>
    bump(trx, subscriptionId, event, deletedAt, { deleted: true, active: false }),
};

export const webhookSubscriptionsProjection: Projection = {
  name: WEBHOOK_SUBSCRIPTIONS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_webhook_subscriptions'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const parsed = parseEvent(webhookSubscriptionEvents, event.type, event.data);
    if (!parsed) return;
    await (handlers[parsed.type] as (trx: Knex.Transaction, data: unknown, event: RecordedEvent) => Promise<unknown>)(
      trx,
      parsed.data,
      event,
    );
  },
};
