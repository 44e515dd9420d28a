import { foldStream } from '../../commands/fold-stream.js';
import type { Decider, DomainEvent } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { WebhookEventName } from '../../domain/webhooks/event-names.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { WebhookMessage, WebhookSource, WebhookSourceContext } from '../../projections/webhooks/webhook-source.js';
import { parseWebhookPayload } from '../webhooks/payloads/index.js';

/** A giving event's webhook: its documented envelope around the resource as the API shows it. */
export const envelope = (event: RecordedEvent, name: WebhookEventName, data: unknown): WebhookMessage => ({
  name,
  payload: parseWebhookPayload(name, { id: event.id, type: name, created_at: event.createdAt.toISOString(), data }),
});

/**
 * The webhook source of a resource whose events each send it as it stood at that event: folded from its stream up
 * to the event's revision, shown by `view` (nothing sent when there is nothing to show) and presented.
 */
export function foldedSource<State, Event extends DomainEvent, View>(resource: {
  readonly names: Readonly<Record<string, WebhookEventName>>;
  readonly decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>;
  readonly events: EventSchemas;
  readonly view: (
    state: State,
    revision: bigint,
    ctx: WebhookSourceContext,
  ) => Promise<View | undefined> | View | undefined;
  readonly present: (view: View) => unknown;
}): WebhookSource {
  return {
    eventTypes: Object.keys(resource.names),
    async messages(event, ctx) {
      const name = resource.names[event.type];
      if (!name) return [];
      const { state } = await foldStream(
        ctx.store,
        resource.decider,
        resource.events,
        event.streamName,
        event.revision,
      );
      const view = await resource.view(state, event.revision, ctx);
      return view ? [envelope(event, name, resource.present(view))] : [];
    },
  };
}
