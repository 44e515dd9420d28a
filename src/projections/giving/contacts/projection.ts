import type { Knex } from 'knex';
import {
  companyEvents,
  contactEvents,
  tagEvents,
  type CompanyEvent,
  type ContactEvent,
  type PostalAddress,
  type TagEvent,
} from '../../../domain/giving/contacts/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { applyByType, changeRow, type EventHandlers } from '../../shared/handlers.js';
import type { Projection } from '../../projection.js';

type Event = ContactEvent | CompanyEvent | TagEvent;
type Handlers = EventHandlers<Event>;

const COLUMN: Record<string, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  address: 'address',
  companyId: 'company_id',
  name: 'name',
  website: 'website',
};

const jsonAddress = (address: PostalAddress | null | undefined) => (address ? JSON.stringify(address) : address);

/** Fields to columns, the address as JSON. */
function columns(fields: Record<string, unknown>): Record<string, unknown> {
  const entries: Array<[string, unknown]> = Object.entries(fields)
    .filter(([key]) => key in COLUMN)
    .map(([key, value]) => [COLUMN[key]!, key === 'address' ? jsonAddress(value as PostalAddress | null) : value]);
  return Object.fromEntries(entries);
}

/** Moves the row's version; 0 rows when the event was applied already (a replay). */
const bump = (
  trx: Knex.Transaction,
  table: string,
  id: string,
  event: RecordedEvent,
  at: string,
  changes: Record<string, unknown>,
): Promise<number> => changeRow(trx, table, id, event, { ...changes, updated_at: at });

const created = (
  trx: Knex.Transaction,
  table: string,
  row: Record<string, unknown>,
  event: RecordedEvent,
  at: string,
) =>
  trx(table)
    .insert({ ...row, created_at: at, updated_at: at, version: event.revision.toString() })
    .onConflict('id')
    .ignore();

const handlers: Handlers = {
  ContactCreated: (trx, { contactId, programId, createdAt, ...fields }, event) =>
    created(trx, 'rm_giving_contacts', { id: contactId, program_id: programId, ...columns(fields) }, event, createdAt),
  ContactUpdated: (trx, d, event) =>
    bump(trx, 'rm_giving_contacts', d.contactId, event, d.updatedAt, columns(d.changes)),
  ContactTagged: async (trx, d, event) => {
    if ((await bump(trx, 'rm_giving_contacts', d.contactId, event, d.taggedAt, {})) === 0) return;
    const contact = await trx('rm_giving_contacts')
      .where({ id: d.contactId })
      .first<{ program_id: string }>('program_id');
    await trx('rm_giving_contact_tags')
      .insert({ contact_id: d.contactId, tag_id: d.tagId, program_id: contact.program_id, tagged_at: d.taggedAt })
      .onConflict(['contact_id', 'tag_id'])
      .ignore();
  },
  ContactUntagged: async (trx, d, event) => {
    if ((await bump(trx, 'rm_giving_contacts', d.contactId, event, d.untaggedAt, {})) === 0) return;
    await trx('rm_giving_contact_tags').where({ contact_id: d.contactId, tag_id: d.tagId }).delete();
  },
  ContactDeleted: async (trx, d) => {
    await trx('rm_giving_contact_tags').where({ contact_id: d.contactId }).delete();
    await trx('rm_giving_contacts').where({ id: d.contactId }).delete();
  },
  CompanyCreated: (trx, { companyId, programId, createdAt, ...fields }, event) =>
    created(
      trx,
      'rm_giving_companies',
      { id: companyId, program_id: programId, ...columns(fields), phone: fields.phone },
      event,
      createdAt,
    ),
  CompanyUpdated: (trx, d, event) =>
    bump(trx, 'rm_giving_companies', d.companyId, event, d.updatedAt, columns(d.changes)),
  CompanyDeleted: async (trx, d) => {
    // Contacts keep no link to a company that is gone.
    await trx('rm_giving_contacts').where({ company_id: d.companyId }).update({ company_id: null });
    await trx('rm_giving_companies').where({ id: d.companyId }).delete();
  },
  TagCreated: (trx, d, event) =>
    created(trx, 'rm_giving_tags', { id: d.tagId, program_id: d.programId, name: d.name }, event, d.createdAt),
  TagRenamed: (trx, d, event) => bump(trx, 'rm_giving_tags', d.tagId, event, d.renamedAt, { name: d.name }),
};

const schemas = { ...contactEvents, ...companyEvents, ...tagEvents };

export const contactsProjection: Projection = {
  name: 'giving-contacts',
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_giving_contact_tags', 'rm_giving_contacts', 'rm_giving_companies', 'rm_giving_tags'],
  apply: applyByType(schemas, handlers),
};
