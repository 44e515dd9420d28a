import type { OfferSettings } from '../../../domain/hub/offers/events.js';
import type { OfferView } from '../../../projections/hub/offers/queries.js';
import { fromHundredths } from '../../conventions/money.js';
import { countsCondition } from './schemas.js';

/** `conditionValue` as the seed shows it: money with two decimals, or a whole count for counted conditions. */
export const conditionValueText = (s: OfferSettings): string =>
  countsCondition(s) ? String(s.conditionValue) : fromHundredths(s.conditionValue);

const cappingText = (s: OfferSettings): string | null =>
  s.cappingLimit === null ? null : s.cappingType === 'count' ? String(s.cappingLimit) : fromHundredths(s.cappingLimit);

/** The seed's offer fields, in its order: the routes' offer starts with them, offer_updated's is them. */
export const seedOfferFields = (id: string, s: OfferSettings, startDate: string | null) => ({
  id,
  startDate,
  endDate: s.endDate,
  name: s.name,
  teaser: s.teaser,
  offerType: s.offerType,
  rewardType: s.rewardType,
  rewardLabel: s.rewardLabel,
  rewardValue: fromHundredths(s.rewardValue),
  conditionLabel: s.conditionLabel,
  conditionValue: conditionValueText(s),
});

/** An offer as the challenge routes show it: the seed's fields first, then ours. */
export function presentOffer(offer: OfferView) {
  const s = offer.settings;
  return {
    ...seedOfferFields(offer.id, s, s.startDate),
    legalConditionText: s.legalConditionText,
    active: offer.active,
    createdAt: offer.createdAt,
    conditionType: s.conditionType,
    conditionValueType: s.conditionValueType,
    rewardCumulatedLimit: s.rewardCumulatedLimit === null ? null : fromHundredths(s.rewardCumulatedLimit),
    cappingLimit: cappingText(s),
    cappingType: s.cappingType,
    capped: offer.capped,
    terms: s.terms,
    stores: s.stores,
    nbTransactionPerReward: s.nbTransactionPerReward,
    occurrenceLimit: s.occurrenceLimit,
    multipleOccurenceByDay: s.multipleOccurenceByDay,
    emailNotificationDate: s.emailNotificationDate,
    updatedAt: offer.updatedAt,
  };
}
