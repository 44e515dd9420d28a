import type { HubSettings } from '../../../domain/hub/hubs/events.js';
import type { HubView } from '../../../projections/hub/hubs/queries.js';
import { fromHundredths } from '../../conventions/money.js';

const amount = (minor: number | null | undefined): string | null =>
  minor === null || minor === undefined ? null : fromHundredths(minor);

/** What the hub offers its customers, for fronts that switch screens on it *(ours)*. */
function features(s: HubSettings): string[] {
  return [
    ...s.dataRetrievalMethod,
    ...(s.cardRestaurantEnable ? ['cardRestaurant'] : []),
    ...(s.cashback ? ['cashback'] : []),
    ...(s.pointsPerCurrencyUnit > 0 || s.rewardType === 'POINTS' ? ['points'] : []),
  ];
}

/** The hub as its program and the operators see it: every setting but the recaptcha secret, which is never shown. */
export function presentHub(hub: HubView) {
  const { recaptchaSecretSealed, claimMinimumAmount, ...settings } = hub.settings;
  return {
    id: hub.id,
    ...settings,
    claimMinimumAmount: amount(claimMinimumAmount),
    hasRecaptchaSecret: recaptchaSecretSealed !== null,
    cashbackProvider: hub.operator.cashbackProvider ?? null,
    walletNotificationThreshold: amount(hub.operator.walletNotificationThreshold),
    mgUserId: hub.operator.mgUserId ?? null,
    mgWalletId: hub.operator.mgWalletId ?? null,
    createdAt: hub.createdAt,
    updatedAt: hub.updatedAt,
  };
}

/** seed 004's getShoppingHub: what a front needs to run the hub's pages; `apiKey` is public by design. */
export function presentLookup(hub: HubView, apiKey: string) {
  const s = hub.settings;
  return {
    id: hub.id,
    name: s.name,
    shortcut: s.shortcut,
    hubType: 'shoppingHub' as const,
    city: s.city,
    formattedAddress: s.formattedAddress,
    apiKey,
    country: s.country,
    host: s.host,
    contactEmail: s.contactEmail,
    supportContactEmail: s.supportContactEmail,
    programName: s.programName,
    mainLanguage: s.mainLanguage,
    phoneRequired: s.phoneRequired,
    emailRequired: s.emailRequired,
    customerExternalIdRequired: s.customerExternalIdRequired,
    scanEnable: s.scanEnable,
    cardRestaurantEnable: s.cardRestaurantEnable,
    externalId: s.externalId,
    recaptchaSiteKey: s.recaptchaSiteKey,
    currency: s.currency,
    hasExternalFront: s.host !== null,
    cashbackProvider: hub.operator.cashbackProvider ?? null,
    programOffer: s.baseline,
    scanConditions: null,
    claimMinimumAmount: amount(s.claimMinimumAmount),
    rewardType: s.rewardType,
    languages: [
      ...new Set([s.mainLanguage, ...Object.values(hub.optins).flatMap((o) => o.flatMap((x) => Object.keys(x.label)))]),
    ],
    features: features(s),
  };
}
