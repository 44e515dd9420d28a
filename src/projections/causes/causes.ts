import type { Knex } from 'knex';
import { causeCategoryEvents, causeEvents, type CauseCategoryEvent, type CauseEvent } from '../../domain/causes/events.js';
import { parseEvent } from '../../domain/shared/events.js';
import type { Migration } from '../../platform/db.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { toColumns } from '../perks/columns.js';
import type { Projection } from '../projection.js';

export const causesMigration: Migration = {
  name: '0102_rm_causes',
  async up(knex) {
    await knex.raw(`
      create table rm_cause_categories (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        color text,
        picture text,
        active boolean not null,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_cause_categories_program on rm_cause_categories (program_id, name);

      create table rm_causes (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        impact text,
        description text,
        cause_category_id text,
        civility integer,
        representative_first_name text,
        representative_last_name text,
        representative_testimonial text,
        email text,
        phone text,
        url text,
        street text,
        zipcode text,
        city text,
        latitude double precision,
        longitude double precision,
        picture text,
        logo text,
        link_video text,
        facebook text,
        twitter text,
        instagram text,
        active boolean not null,
        proposed_by text not null,
        like_count integer not null default 0,
        version bigint not null,
        created_at timestamptz not null
      );
      create index rm_causes_program on rm_causes (program_id, active);
      create index rm_causes_geo on rm_causes using gist (ll_to_earth(latitude, longitude)) where latitude is not null and longitude is not null;
    `);
  },
};

type Event = CauseCategoryEvent | CauseEvent;
type Handlers = { [T in Event['type']]: (trx: Knex.Transaction, data: Extract<Event, { type: T }>['data'], event: RecordedEvent) => Promise<unknown> };

const schemas = { ...causeCategoryEvents, ...causeEvents };
const revision = (event: RecordedEvent): string => event.revision.toString();

const handlers: Handlers = {
  CauseCategoryCreated: (trx, { id, programId, fields, createdAt }, event) =>
    trx('rm_cause_categories').insert({ id, program_id: programId, ...toColumns(fields), version: revision(event), created_at: createdAt }).onConflict('id').ignore(),
  CauseCategoryUpdated: (trx, { id, changes }, event) =>
    trx('rm_cause_categories').where({ id }).where('version', '<', revision(event)).update({ ...toColumns(changes), version: revision(event) }),
  CauseCreated: (trx, { id, programId, fields, createdAt }, event) =>
    trx('rm_causes').insert({ id, program_id: programId, ...toColumns(fields), version: revision(event), created_at: createdAt }).onConflict('id').ignore(),
  CauseUpdated: (trx, { id, changes }, event) =>
    trx('rm_causes').where({ id }).where('version', '<', revision(event)).update({ ...toColumns(changes), version: revision(event) }),
};

/** Cause categories and causes (proposals included, with `active` false). */
export const causesProjection: Projection = {
  name: 'causes',
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_causes', 'rm_cause_categories'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const parsed = parseEvent(schemas, event.type, event.data);
    if (!parsed) return;
    await (handlers[parsed.type] as (trx: Knex.Transaction, data: unknown, event: RecordedEvent) => Promise<unknown>)(trx, parsed.data, event);
  },
};
