import { randomUUID } from 'node:crypto';
import type { OfferSettings } from '../../../../src/domain/hub/offers/events.js';
import type { EventStore, JsonObject } from '../../../../src/platform/eventstore/types.js';
import { customerStream, hubStream, offerStream, transactionStream } from '../../../../src/commands/hub/streams.js';
import { settings as hubSettings, subscribedCustomerEvents } from '../../../support/fixtures/hub.js';

/** An offer's settings as a test starts from them: SPND+AMNT 50.00 for 5.00, every store, no limit. */
export const spendOffer = (over: Partial<OfferSettings> = {}): OfferSettings => ({
  name: 'Spend 50',
  offerType: 'frequency',
  teaser: null,
  startDate: null,
  endDate: null,
  rewardType: 'RFND',
  rewardLabel: '5 €',
  rewardValue: 500,
  rewardCumulatedLimit: null,
  conditionType: 'SPND',
  conditionLabel: null,
  conditionValue: 5000,
  conditionValueType: 'AMNT',
  terms: null,
  cappingLimit: null,
  cappingType: 'amount',
  legalConditionText: null,
  stores: null,
  nbTransactionPerReward: null,
  occurrenceLimit: null,
  multipleOccurenceByDay: false,
  active: true,
  emailNotificationDate: null,
  ...over,
});

const at = '2026-12-05T09:00:00.000Z';
const event = (type: string, data: object) => ({ id: randomUUID(), type, data: data as JsonObject });

/** Appends the raw events a hub, its offers, customers and purchases would have, as the other commands write them. */
export function world(
  store: EventStore,
  hub: { rewardType?: 'CASHBACK' | 'POINTS'; pointsPerCurrencyUnit?: number } = {},
) {
  const hubId = randomUUID();
  const programId = randomUUID();
  const storeRef = { id: randomUUID(), externalId: 'A-1', type: 'store' };
  return {
    hubId,
    programId,
    storeRef,
    async hub() {
      const settings = {
        ...hubSettings,
        rewardType: hub.rewardType ?? 'CASHBACK',
        pointsPerCurrencyUnit: hub.pointsPerCurrencyUnit ?? 0,
      };
      await store.append(hubStream(hubId), [event('HubCreated', { hubId, programId, settings, createdAt: at })], {
        expectedRevision: 'no_stream',
      });
    },
    async offer(settings: OfferSettings, offerId = randomUUID()) {
      await store.append(
        offerStream(offerId),
        [event('OfferCreated', { offerId, hubId, programId, settings, createdAt: at })],
        {
          expectedRevision: 'no_stream',
        },
      );
      return offerId;
    },
    async changeOffer(offerId: string, changes: Partial<OfferSettings>) {
      await store.append(offerStream(offerId), [event('OfferUpdated', { offerId, changes, updatedAt: at })], {
        expectedRevision: 'any',
      });
    },
    async customer(referredBy: string | null = null, customerId = randomUUID()) {
      await store.append(
        customerStream(customerId),
        subscribedCustomerEvents({ customerId, hubId, programId }, referredBy, at).map((e) => event(e.type, e.data)),
        { expectedRevision: 'no_stream' },
      );
      return customerId;
    },
    /** A matched debit of `amount` minor units (positive) on `purchaseDate`, at the world's store unless told. */
    async purchase(
      customerId: string,
      amount: number,
      purchaseDate: string,
      transactionId = randomUUID(),
      location: { id: string; externalId: string; type: string } = storeRef,
    ) {
      const imported = {
        transactionId,
        hubId,
        programId,
        customerId,
        connectionId: randomUUID(),
        providerTransactionId: transactionId,
        label: 'CB SANDBOX STORE A',
        amount: -amount,
        currency: 'EUR',
        purchaseDate,
        dateBankingStatement: purchaseDate,
        dataProviderType: 'bank',
        eligibleFrom: '2026-01-01T00:00:00.000Z',
        importedAt: at,
      };
      const matched = { transactionId, purchaseLocation: location, pattern: 'SANDBOX STORE A', matchedAt: at };
      await store.append(
        transactionStream(transactionId),
        [event('TransactionImported', imported), event('TransactionMatched', matched)],
        {
          expectedRevision: 'no_stream',
        },
      );
      return transactionId;
    },
  };
}
