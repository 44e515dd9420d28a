import { offerEvents, offerTotalEvents, type OfferSettings } from '../../../domain/hub/offers/events.js';
import { offerDecider } from '../../../domain/hub/offers/offer.js';
import { foldStreamAt } from '../../../commands/fold-stream.js';
import { offerStream } from '../../../commands/hub/streams.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { Position } from '../../../platform/eventstore/position.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage } from '../../shared/status-webhook-source.js';
import { shoppingHub } from '../customers/webhooks.js';
import { seedOfferFields } from './present.js';

/** The offer as its stream stood at `position` (a redelivery says the same), or none. */
export async function offerAt(ctx: Pick<WebhookSourceContext, 'store'>, offerId: string, position: Position) {
  const state = await foldStreamAt(ctx.store, offerDecider, offerEvents, offerStream(offerId), position);
  return state.status === 'exists' ? state : undefined;
}

/** The seed's offer object of offer_updated and reward_updated. */
export const offerPayload = (offerId: string, s: OfferSettings, createdAt: string) =>
  seedOfferFields(offerId, s, s.startDate ?? createdAt);

/**
 * offer_updated: `created` at OfferCreated, `updated` at OfferUpdated and OfferDeactivated, and `updated` with
 * `active: false` at OfferCapped (flow 3.4), the offer folded up to the event.
 */
export const offersWebhookSource: WebhookSource = {
  eventTypes: ['OfferCreated', 'OfferUpdated', 'OfferDeactivated', 'OfferCapped'],
  names: ['offer_updated'],
  async messages(event, ctx) {
    const capped = parseEvent(offerTotalEvents, event.type, event.data);
    const own = parseEvent(offerEvents, event.type, event.data);
    const offerId = capped?.type === 'OfferCapped' ? capped.data.offerId : own?.data.offerId;
    if (offerId === undefined) return [];
    const offer = await offerAt(ctx, offerId, event.position);
    if (!offer) return [];
    const active = capped ? false : offer.settings.active;
    return [
      namedMessage('offer_updated', {
        ...(await shoppingHub(ctx, offer.hubId)),
        offer: {
          ...offerPayload(offerId, offer.settings, offer.createdAt),
          status: event.type === 'OfferCreated' ? 'created' : 'updated',
          active,
        },
      }),
    ];
  },
};
