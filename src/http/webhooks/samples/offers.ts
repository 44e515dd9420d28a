import { flatSamples } from './envelope.js';
import { at, DAY, HOUR, isoAt, type SampleContext } from './time.js';

/* Seed 004's claim, offer and reward events, valued like its examples. */

const HUB_EXTERNAL_ID = '90890289082';
const CUSTOMER_EXTERNAL_ID = '87316292';

/** This month's offer: from the start of `now`'s day to 30 days on, as the seed's "June 2023 offer". */
function offer(ctx: SampleContext, offerId: string) {
  const startOfDay = Math.floor(ctx.now.getTime() / DAY) * DAY;
  return {
    id: offerId,
    startDate: isoAt(startOfDay),
    endDate: isoAt(startOfDay + 30 * DAY),
    name: 'Offre du mois',
    teaser: 'Recevez 10 € pour 80 € d’achats',
    offerType: 'frequency' as const,
    rewardType: 'RFND' as const,
    rewardLabel: '10 €',
    rewardValue: '10.00',
    conditionLabel: "Recevez 10€ pour 80€ d'achats cumulés",
    conditionValue: '80.00',
  };
}

export const offerSamples = flatSamples({
  claim_update: (ctx) => ({
    eventType: 'rejected',
    shoppingHubId: ctx.id(1),
    shoppingHubExternalId: HUB_EXTERNAL_ID,
    customer: { id: ctx.id(2), externalId: CUSTOMER_EXTERNAL_ID },
    claim: {
      id: ctx.id(3),
      amount: '-12.00',
      store: 'ARMAND THIERY',
      storeId: ctx.id(4),
      storeExternalId: '29894111110',
      status: 'rejected',
      rejectionReason: 'The store is out of program',
      code: 'STORE_OUT_OF_PROGRAM',
      date: at(ctx, -2 * HOUR),
      transactionId: null,
      transactionDate: at(ctx, -7 * DAY).slice(0, 10),
    },
  }),

  offer_updated: (ctx) => ({
    shoppingHubExternalId: HUB_EXTERNAL_ID,
    shoppingHubId: ctx.id(1),
    offer: { ...offer(ctx, ctx.id(2)), status: 'created', active: true },
  }),

  reward_updated: (ctx) => ({
    shoppingHubExternalId: HUB_EXTERNAL_ID,
    shoppingHubId: ctx.id(1),
    customer: { id: ctx.id(3), externalId: CUSTOMER_EXTERNAL_ID },
    reward: { id: ctx.id(4), status: 'pending', offerId: ctx.id(2) },
    offer: { ...offer(ctx, ctx.id(2)), status: 'created' },
  }),
});
