import type { Knex } from 'knex';
import { hubEvents, type HubEvent } from '../../../domain/hub/hubs/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { changeRow } from '../../shared/handlers.js';

export const HUB_HUBS_PROJECTION = 'hub-hubs';

type Handlers = {
  [T in HubEvent['type']]: (
    trx: Knex.Transaction,
    data: Extract<HubEvent, { type: T }>['data'],
    event: RecordedEvent,
  ) => Promise<unknown>;
};

/** Every hub event moves the row's version; one at or below it was applied already (a replay) and changes nothing. */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, at: string, changes: Record<string, unknown>) =>
  changeRow(trx, 'rm_hub_hubs', id, event, { ...changes, updated_at: at });

const handlers: Handlers = {
  HubCreated: (trx, d, event) =>
    trx('rm_hub_hubs')
      .insert({
        id: d.hubId,
        program_id: d.programId,
        name: d.settings.name,
        program_name: d.settings.programName,
        host: d.settings.host,
        external_id: d.settings.externalId,
        settings: JSON.stringify(d.settings),
        created_at: d.createdAt,
        updated_at: d.createdAt,
        version: event.revision.toString(),
      })
      .onConflict('id')
      .ignore(),
  HubUpdated: (trx, d, event) => {
    const c = d.changes;
    return bump(trx, d.hubId, event, d.updatedAt, {
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.programName !== undefined ? { program_name: c.programName } : {}),
      ...(c.host !== undefined ? { host: c.host } : {}),
      ...(c.externalId !== undefined ? { external_id: c.externalId } : {}),
      settings: trx.raw('settings || ?::jsonb', [JSON.stringify(c)]),
      operator: trx.raw('operator || ?::jsonb', [JSON.stringify(d.operator ?? {})]),
    });
  },
  HubOptinsConfigured: (trx, d, event) =>
    bump(trx, d.hubId, event, d.configuredAt, {
      optins: trx.raw('jsonb_set(optins, ?, ?::jsonb)', [`{${d.registrationType}}`, JSON.stringify(d.optins)]),
    }),
};

export const hubsProjection: Projection = {
  name: HUB_HUBS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: ['rm_hub_hubs'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const parsed = parseEvent(hubEvents, event.type, event.data);
    if (!parsed) return;
    await (handlers[parsed.type] as (trx: Knex.Transaction, data: unknown, event: RecordedEvent) => Promise<unknown>)(
      trx,
      parsed.data,
      event,
    );
  },
};
