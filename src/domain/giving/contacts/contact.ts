import type { Command, Decider, ProgramCommand } from '../../shared/decider.js';
import { changedFields, createdOnce, updatedEvents } from '../../shared/entity.js';
import { notFound } from '../../shared/errors.js';
import type { ContactEvent, ContactFields } from './events.js';

export interface Contact extends ContactFields {
  readonly contactId: string;
  readonly programId: string;
  /** Tag ids, in the order they were put on. */
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type ContactState =
  | { readonly kind: 'none' }
  | { readonly kind: 'deleted'; readonly last: Contact }
  | { readonly kind: 'contact'; readonly contact: Contact };

export type ContactCommand =
  | ProgramCommand<'CreateContact', ContactFields & { readonly contactId: string }>
  | Command<'UpdateContact', { readonly changes: Partial<ContactFields> }>
  | Command<'TagContact', { readonly tagId: string }>
  | Command<'UntagContact', { readonly tagId: string }>
  | Command<'DeleteContact'>;

function evolve(state: ContactState, event: ContactEvent): ContactState {
  if (event.type === 'ContactCreated') {
    const { createdAt, ...fields } = event.data;
    return { kind: 'contact', contact: { ...fields, tags: [], createdAt, updatedAt: createdAt } };
  }
  if (state.kind !== 'contact') return state;
  const { contact } = state;
  switch (event.type) {
    case 'ContactUpdated':
      return { kind: 'contact', contact: { ...contact, ...event.data.changes, updatedAt: event.data.updatedAt } };
    case 'ContactTagged':
      return {
        kind: 'contact',
        contact: { ...contact, tags: [...contact.tags, event.data.tagId], updatedAt: event.data.taggedAt },
      };
    case 'ContactUntagged':
      return {
        kind: 'contact',
        contact: {
          ...contact,
          tags: contact.tags.filter((id) => id !== event.data.tagId),
          updatedAt: event.data.untaggedAt,
        },
      };
    case 'ContactDeleted':
      return { kind: 'deleted', last: contact };
  }
}

export const contactDecider: Decider<ContactState, ContactCommand, ContactEvent> = {
  initialState: () => ({ kind: 'none' }),
  evolve,
  decide: (command, state) => {
    if (command.type === 'CreateContact') {
      return createdOnce(state.kind !== 'none', 'contact', 'ContactCreated', command.data);
    }
    if (state.kind !== 'contact') throw notFound('contact');
    const { contact } = state;
    const { contactId } = contact;
    switch (command.type) {
      case 'UpdateContact': {
        const changes = changedFields<ContactFields>(contact, command.data.changes);
        return updatedEvents('ContactUpdated', { contactId }, changes, command.data.now);
      }
      case 'TagContact':
        // Tagging twice is one tag.
        if (contact.tags.includes(command.data.tagId)) return [];
        return [{ type: 'ContactTagged', data: { contactId, tagId: command.data.tagId, taggedAt: command.data.now } }];
      case 'UntagContact':
        if (!contact.tags.includes(command.data.tagId)) return [];
        return [
          { type: 'ContactUntagged', data: { contactId, tagId: command.data.tagId, untaggedAt: command.data.now } },
        ];
      case 'DeleteContact':
        return [{ type: 'ContactDeleted', data: { contactId, deletedAt: command.data.now } }];
    }
  },
};
