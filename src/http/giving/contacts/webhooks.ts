import { foldStream } from '../../../commands/fold-stream.js';
import { contactDecider, type Contact } from '../../../domain/giving/contacts/contact.js';
import { contactEvents } from '../../../domain/giving/contacts/events.js';
import { givingPayloadSchemas } from '../../webhooks/payloads/giving.js';
import type { EventStore, RecordedEvent } from '../../../platform/eventstore/types.js';
import { tagNames } from '../../../projections/giving/contacts/queries.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { presentFolded } from './present.js';

/** The contact as its stream stood at the event (a deleted one as it last was). */
async function contactAt(store: EventStore, event: RecordedEvent): Promise<Contact | undefined> {
  const { state } = await foldStream(store, contactDecider, contactEvents, event.streamName, event.revision);
  return state.kind === 'contact' ? state.contact : state.kind === 'deleted' ? state.last : undefined;
}

async function message(type: 'contact.created' | 'contact.deleted', event: RecordedEvent, ctx: WebhookSourceContext) {
  const contact = await contactAt(ctx.store, event);
  if (!contact) return [];
  const names = await tagNames(ctx.trx, contact.tags);
  const payload = givingPayloadSchemas[type].parse({
    id: event.id,
    type,
    created_at: event.createdAt.toISOString(),
    data: presentFolded(contact, names),
  });
  return [{ name: type, payload }];
}

/** contact.created and contact.deleted, with the contact as the API shows it. */
export const contactsWebhookSource: WebhookSource = {
  eventTypes: ['ContactCreated', 'ContactDeleted'],
  messages: (event, ctx) =>
    message(event.type === 'ContactCreated' ? 'contact.created' : 'contact.deleted', event, ctx),
};
