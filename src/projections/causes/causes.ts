import {
  causeCategoryEvents,
  causeEvents,
  type CauseCategoryEvent,
  type CauseEvent,
} from '../../domain/causes/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { toColumns } from '../perks/columns.js';
import { applyByType, type EventHandlers } from '../shared/handlers.js';
import type { Projection } from '../projection.js';

type Event = CauseCategoryEvent | CauseEvent;
type Handlers = EventHandlers<Event>;

const schemas = { ...causeCategoryEvents, ...causeEvents };
const revision = (event: RecordedEvent): string => event.revision.toString();

const handlers: Handlers = {
  CauseCategoryCreated: (trx, { id, programId, fields, createdAt }, event) =>
    trx('rm_cause_categories')
      .insert({ id, program_id: programId, ...toColumns(fields), version: revision(event), created_at: createdAt })
      .onConflict('id')
      .ignore(),
  CauseCategoryUpdated: (trx, { id, changes }, event) =>
    trx('rm_cause_categories')
      .where({ id })
      .where('version', '<', revision(event))
      .update({ ...toColumns(changes), version: revision(event) }),
  CauseCreated: (trx, { id, programId, fields, createdAt }, event) =>
    trx('rm_causes')
      .insert({ id, program_id: programId, ...toColumns(fields), version: revision(event), created_at: createdAt })
      .onConflict('id')
      .ignore(),
  CauseUpdated: (trx, { id, changes }, event) =>
    trx('rm_causes')
      .where({ id })
      .where('version', '<', revision(event))
      .update({ ...toColumns(changes), version: revision(event) }),
};

/** Cause categories and causes (proposals included, with `active` false). */
export const causesProjection: Projection = {
  name: 'causes',
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_causes', 'rm_cause_categories'],
  apply: applyByType(schemas, handlers),
};
