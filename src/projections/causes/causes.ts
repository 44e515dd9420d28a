import type { Knex } from 'knex';
import {
  causeCategoryEvents,
  causeEvents,
  type CauseCategoryEvent,
  type CauseEvent,
} from '../../domain/causes/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { columnsOf } from '../shared/columns.js';
import { applyByType, changeRow, type EventHandlers } from '../shared/handlers.js';
import type { Projection } from '../projection.js';

type Event = CauseCategoryEvent | CauseEvent;
type Handlers = EventHandlers<Event>;

const schemas = { ...causeCategoryEvents, ...causeEvents };
/** A category or cause as created; a replay finds its row there already and changes nothing. */
const insertOnce = (
  trx: Knex.Transaction,
  table: string,
  { id, programId, fields, createdAt }: { id: string; programId: string; fields: object; createdAt: string },
  event: RecordedEvent,
) =>
  trx(table)
    .insert({
      id,
      program_id: programId,
      ...columnsOf(fields),
      version: event.revision.toString(),
      created_at: createdAt,
    })
    .onConflict('id')
    .ignore();

const handlers: Handlers = {
  CauseCategoryCreated: (trx, data, event) => insertOnce(trx, 'rm_cause_categories', data, event),
  CauseCategoryUpdated: (trx, { id, changes }, event) =>
    changeRow(trx, 'rm_cause_categories', id, event, columnsOf(changes)),
  CauseCreated: (trx, data, event) => insertOnce(trx, 'rm_causes', data, event),
  CauseUpdated: (trx, { id, changes }, event) => changeRow(trx, 'rm_causes', id, event, columnsOf(changes)),
};

/** Cause categories and causes (proposals included, with `active` false). */
export const causesProjection: Projection = {
  name: 'causes',
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_causes', 'rm_cause_categories'],
  apply: applyByType(schemas, handlers),
};
