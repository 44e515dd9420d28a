import type { Knex } from 'knex';
import {
  offerEvents,
  offerTotalEvents,
  type OfferEvent,
  type OfferTotalEvent,
} from '../../../domain/hub/offers/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';

export const HUB_OFFERS_PROJECTION = 'hub-offers';
export const OFFERS = 'rm_hub_offers';

type Created = Extract<OfferEvent, { type: 'OfferCreated' }>['data'];
const createdRow = (d: Created) => ({
  id: d.offerId,
  hub_id: d.hubId,
  program_id: d.programId,
  settings: JSON.stringify(d.settings),
  active: d.settings.active,
  created_at: d.createdAt,
  updated_at: d.createdAt,
});

const offerHandlers: EventHandlers<OfferEvent> = {
  OfferCreated: (trx, d, event) => insertOnce(trx, OFFERS, 'id', event, createdRow(d)),
  OfferUpdated: (trx, d, event) =>
    changeRow(trx, OFFERS, d.offerId, event, {
      settings: trx.raw('settings || ?::jsonb', [JSON.stringify(d.changes)]),
      ...(d.changes.active !== undefined ? { active: d.changes.active } : {}),
      updated_at: d.updatedAt,
    }),
  OfferDeactivated: (trx, d, event) =>
    changeRow(trx, OFFERS, d.offerId, event, {
      settings: trx.raw(`jsonb_set(settings, '{active}', 'false')`),
      active: false,
      updated_at: d.deactivatedAt,
    }),
};

// The total's stream is not the offer's: its revision is not the row's version, and capping happens once.
const totalHandlers: EventHandlers<OfferTotalEvent> = {
  OfferCompletionCounted: () => Promise.resolve(),
  OfferCapped: (trx, d) => trx(OFFERS).where({ id: d.offerId }).update({ capped: true, updated_at: d.cappedAt }),
};

const applyOffer = applyByType(offerEvents, offerHandlers);
const applyTotal = applyByType(offerTotalEvents, totalHandlers);
const apply: Projection['apply'] = (trx, event) =>
  event.type === 'OfferCapped' ? applyTotal(trx, event) : applyOffer(trx, event);

/** A page's created offers in one INSERT (a hub sets up its offers in bulk); its other events one by one, in order. */
async function applyBatch(trx: Knex.Transaction, events: readonly RecordedEvent[]): Promise<void> {
  const created: Record<string, unknown>[] = [];
  const flush = async () => {
    if (created.length > 0) await trx(OFFERS).insert(created.splice(0)).onConflict('id').ignore();
  };
  for (const event of events) {
    const parsed = event.type === 'OfferCreated' ? parseEvent(offerEvents, event.type, event.data) : undefined;
    if (parsed?.type === 'OfferCreated')
      created.push({ ...createdRow(parsed.data), version: event.revision.toString() });
    else {
      await flush();
      await apply(trx, event);
    }
  }
  await flush();
}

/** The hub's offers (flow 3.1) and their capping (flow 3.4). */
export const offersProjection: Projection = {
  name: HUB_OFFERS_PROJECTION,
  version: 1,
  eventTypes: ['OfferCreated', 'OfferUpdated', 'OfferDeactivated', 'OfferCapped'],
  tables: [OFFERS],
  apply,
  applyBatch,
};
