import type { Knex } from 'knex';
import { hubEvents, type HubEvent } from '../../../domain/hub/hubs/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';
import { columnsOf } from '../../shared/columns.js';

export const HUB_HUBS_PROJECTION = 'hub-hubs';

const HUBS = 'rm_hub_hubs';
/** The settings kept in columns of their own (all of them are in `settings` too). */
const COLUMN_SETTINGS = ['name', 'programName', 'host', 'externalId'] as const;

/** Every hub event moves the row's version; one at or below it was applied already (a replay) and changes nothing. */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, at: string, changes: Record<string, unknown>) =>
  changeRow(trx, HUBS, id, event, { ...changes, updated_at: at });

const handlers: EventHandlers<HubEvent> = {
  HubCreated: (trx, d, event) =>
    insertOnce(trx, HUBS, 'id', event, {
      id: d.hubId,
      program_id: d.programId,
      ...columnsOf(d.settings, COLUMN_SETTINGS),
      settings: JSON.stringify(d.settings),
      created_at: d.createdAt,
      updated_at: d.createdAt,
    }),
  HubUpdated: (trx, d, event) =>
    bump(trx, d.hubId, event, d.updatedAt, {
      ...columnsOf(d.changes, COLUMN_SETTINGS),
      settings: trx.raw('settings || ?::jsonb', [JSON.stringify(d.changes)]),
      operator: trx.raw('operator || ?::jsonb', [JSON.stringify(d.operator ?? {})]),
    }),
  HubOptinsConfigured: (trx, d, event) =>
    bump(trx, d.hubId, event, d.configuredAt, {
      optins: trx.raw('jsonb_set(optins, ?, ?::jsonb)', [`{${d.registrationType}}`, JSON.stringify(d.optins)]),
    }),
};

export const hubsProjection: Projection = {
  name: HUB_HUBS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [HUBS],
  apply: applyByType(hubEvents, handlers),
};
