import {
  offerEvents,
  offerTotalEvents,
  type OfferEvent,
  type OfferTotalEvent,
} from '../../../domain/hub/offers/events.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';

export const HUB_OFFERS_PROJECTION = 'hub-offers';
export const OFFERS = 'rm_hub_offers';

const offerHandlers: EventHandlers<OfferEvent> = {
  OfferCreated: (trx, d, event) =>
    insertOnce(trx, OFFERS, 'id', event, {
      id: d.offerId,
      hub_id: d.hubId,
      program_id: d.programId,
      settings: JSON.stringify(d.settings),
      active: d.settings.active,
      created_at: d.createdAt,
      updated_at: d.createdAt,
    }),
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

/** The hub's offers (flow 3.1) and their capping (flow 3.4). */
export const offersProjection: Projection = {
  name: HUB_OFFERS_PROJECTION,
  version: 1,
  eventTypes: ['OfferCreated', 'OfferUpdated', 'OfferDeactivated', 'OfferCapped'],
  tables: [OFFERS],
  apply: (trx, event) => (event.type === 'OfferCapped' ? applyTotal(trx, event) : applyOffer(trx, event)),
};
