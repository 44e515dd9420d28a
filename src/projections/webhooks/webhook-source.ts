import type { Knex } from 'knex';
import type { WebhookEventName } from '../../domain/webhooks/event-names.js';
import type { EventStore, RecordedEvent } from '../../platform/eventstore/types.js';

export interface WebhookMessage {
  readonly name: WebhookEventName;
  /** The documented payload, already checked against its schema. */
  readonly payload: unknown;
}

export interface WebhookSourceContext {
  /** To fold a stream up to the event's revision when the event alone does not carry the resource. */
  readonly store: EventStore;
  /** The dispatcher's transaction, for reading read models it may rely on. */
  readonly trx: Knex.Transaction;
}

/** One context's mapping from its domain events to webhook payloads. */
export interface WebhookSource {
  readonly eventTypes: readonly string[];
  /**
   * The webhook names its messages can carry, when it says: for a program subscribed to none of them, its payloads
   * (which may fold streams and read read models) are not built at all.
   */
  readonly names?: readonly WebhookEventName[];
  messages(
    event: RecordedEvent,
    ctx: WebhookSourceContext,
  ): Promise<readonly WebhookMessage[]> | readonly WebhookMessage[];
}
