import type { WebhookEventName } from '../../domain/webhooks/event-names.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { WebhookMessage } from '../../projections/webhooks/webhook-source.js';
import { parseWebhookPayload } from '../webhooks/payloads/index.js';

/** A giving event's webhook: its documented envelope around the resource as the API shows it. */
export const envelope = (event: RecordedEvent, name: WebhookEventName, data: unknown): WebhookMessage => ({
  name,
  payload: parseWebhookPayload(name, { id: event.id, type: name, created_at: event.createdAt.toISOString(), data }),
});
