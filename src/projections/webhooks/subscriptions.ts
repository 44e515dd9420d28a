import type { Knex } from 'knex';
import { webhookSubscriptionEvents, type WebhookSubscriptionEvent } from '../../domain/webhooks/subscription-events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { applyByType, changeRow, type EventHandlers } from '../shared/handlers.js';
import type { Projection } from '../projection.js';

export const WEBHOOK_SUBSCRIPTIONS_PROJECTION = 'webhook-subscriptions';

type Handlers = EventHandlers<WebhookSubscriptionEvent>;

/** The stored revision makes a replayed event change nothing. */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, at: string, changes: Record<string, unknown>) =>
  changeRow(trx, 'rm_webhook_subscriptions', id, event, { ...changes, updated_at: at });

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
  apply: applyByType(webhookSubscriptionEvents, handlers),
};
