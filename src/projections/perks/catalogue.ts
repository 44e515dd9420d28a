import type { Knex } from 'knex';
import {
  businessCategoryEvents,
  businessEvents,
  partnerCodeEvents,
  perkEvents,
  type BusinessCategoryEvent,
  type BusinessEvent,
  type PartnerCodeEvent,
  type PerkEvent,
} from '../../domain/perks/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { applyByType, changeRow, type EventHandlers } from '../shared/handlers.js';
import type { Projection } from '../projection.js';
import { columnsOf } from '../shared/columns.js';
import { useRow } from './use-row.js';

type CatalogueEvent = BusinessCategoryEvent | BusinessEvent | PerkEvent | PartnerCodeEvent;
type Handlers = EventHandlers<CatalogueEvent>;

const schemas = { ...businessCategoryEvents, ...businessEvents, ...perkEvents, ...partnerCodeEvents };

/**
 * Moves a row to the event's stream revision and applies `changes`, unless the
 * row is there already: answers whether the event was new, so the side effects
 * of an event replayed after a crash are not applied twice.
 */
async function advance(
  trx: Knex.Transaction,
  table: string,
  id: string,
  event: RecordedEvent,
  changes: Record<string, unknown> = {},
): Promise<boolean> {
  return (await changeRow(trx, table, id, event, changes)) > 0;
}

const inserted = (event: RecordedEvent, createdAt: string) => ({
  version: event.revision.toString(),
  created_at: createdAt,
});

const handlers: Handlers = {
  BusinessCategoryCreated: (trx, { id, programId, fields, createdAt }, event) =>
    trx('rm_business_categories')
      .insert({ id, program_id: programId, ...columnsOf(fields), ...inserted(event, createdAt) })
      .onConflict('id')
      .ignore(),
  BusinessCategoryUpdated: (trx, { id, changes }, event) =>
    advance(trx, 'rm_business_categories', id, event, columnsOf(changes)),

  BusinessCreated: (trx, { businessId, programId, fields, createdAt }, event) =>
    trx('rm_businesses')
      .insert({ id: businessId, program_id: programId, ...columnsOf(fields), ...inserted(event, createdAt) })
      .onConflict('id')
      .ignore(),
  BusinessUpdated: (trx, { businessId, changes }, event) =>
    advance(trx, 'rm_businesses', businessId, event, columnsOf(changes)),
  BusinessAddressAdded: async (trx, { businessId, addressId, address, addedAt }, event) => {
    const business = await trx('rm_businesses')
      .where({ id: businessId })
      .first<{ program_id: string } | undefined>('program_id');
    if (!business || !(await advance(trx, 'rm_businesses', businessId, event))) return;
    // One main address per business: the newest one named main wins.
    if (address.main) await trx('rm_business_addresses').where({ business_id: businessId }).update({ main: false });
    await trx('rm_business_addresses')
      .insert({
        id: addressId,
        business_id: businessId,
        program_id: business.program_id,
        ...columnsOf(address),
        created_at: addedAt,
      })
      .onConflict('id')
      .ignore();
  },
  BusinessAddressUpdated: async (trx, { businessId, addressId, changes }, event) => {
    if (!(await advance(trx, 'rm_businesses', businessId, event))) return;
    if (changes.main)
      await trx('rm_business_addresses')
        .where({ business_id: businessId })
        .whereNot({ id: addressId })
        .update({ main: false });
    if (Object.keys(changes).length > 0)
      await trx('rm_business_addresses').where({ id: addressId }).update(columnsOf(changes));
  },

  PerkCreated: (trx, { perkId, programId, businessId, fields, createdAt }, event) =>
    trx('rm_perks')
      .insert({
        id: perkId,
        program_id: programId,
        business_id: businessId,
        ...columnsOf(fields),
        times_remaining: fields.times,
        ...inserted(event, createdAt),
      })
      .onConflict('id')
      .ignore(),
  PerkUpdated: (trx, { perkId, changes }, event) =>
    advance(trx, 'rm_perks', perkId, event, {
      ...columnsOf(changes),
      ...(changes.times === undefined ? {} : { times_remaining: changes.times }),
    }),
  PerkUsed: async (trx, data, event) => {
    const perk = await trx('rm_perks')
      .where({ id: data.perkId })
      .first<{ program_id: string } | undefined>('program_id');
    const remaining = data.timesRemaining === null ? {} : { times_remaining: data.timesRemaining };
    if (!perk || !(await advance(trx, 'rm_perks', data.perkId, event, remaining))) return;
    await trx('rm_perk_uses')
      .insert({ ...useRow(data), program_id: perk.program_id })
      .onConflict('id')
      .ignore();
  },
  PerkUseFeedbackGiven: async (trx, { useId, perkId, businessId, feedback, givenAt }, event) => {
    if (!(await advance(trx, 'rm_perks', perkId, event))) return;
    const given = await trx('rm_perk_uses')
      .where({ id: useId })
      .whereNull('feedback')
      .update({ feedback, feedback_at: givenAt });
    if (given === 0 || feedback === 'unused') return;
    await trx('rm_businesses')
      .where({ id: businessId })
      .increment(feedback === 'like' ? 'like_count' : 'unlike_count', 1);
  },

  PartnerCodeCreated: (trx, { id, programId, fields, createdAt }, event) =>
    trx('rm_partner_codes')
      .insert({ id, program_id: programId, ...columnsOf(fields), ...inserted(event, createdAt) })
      .onConflict('id')
      .ignore(),
  PartnerCodeUpdated: (trx, { id, changes }, event) => advance(trx, 'rm_partner_codes', id, event, columnsOf(changes)),
};

/** Business categories, businesses and their addresses, perks, uses and partner codes. */
export const perksProjection: Projection = {
  name: 'perks',
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [
    'rm_perk_uses',
    'rm_perks',
    'rm_business_addresses',
    'rm_businesses',
    'rm_business_categories',
    'rm_partner_codes',
  ],
  apply: applyByType(schemas, handlers),
};
