import type { WebhookEventName } from '../../domain/webhooks/event-names.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { WebhookMessage, WebhookSource, WebhookSourceContext } from '../../projections/webhooks/webhook-source.js';
import { parseWebhookPayload } from '../webhooks/payloads/index.js';

/** A message whose payload names its webhook in `event`, first, as the hub's seed has it; checked by its schema. */
export const namedMessage = (name: WebhookEventName, fields: object): WebhookMessage => ({
  name,
  payload: parseWebhookPayload(name, { event: name, ...fields }),
});

/**
 * The webhook `name`, sent for the event types its status table lists: `fieldsOf` gives the payload's fields for the
 * event's status, or nothing to send none.
 */
export function statusWebhookSource<S extends Readonly<Record<string, string>>>(
  name: WebhookEventName,
  statuses: S,
  fieldsOf: (event: RecordedEvent, ctx: WebhookSourceContext, status: S[keyof S]) => Promise<object | undefined>,
): WebhookSource {
  return {
    eventTypes: Object.keys(statuses),
    names: [name],
    async messages(event, ctx) {
      const fields = await fieldsOf(event, ctx, statuses[event.type as keyof S]);
      return fields ? [namedMessage(name, fields)] : [];
    },
  };
}
