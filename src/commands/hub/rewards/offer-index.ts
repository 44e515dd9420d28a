import type { OfferSettings } from '../../../domain/hub/offers/events.js';
import type { ProgressRule } from '../../../domain/hub/rewards/reward.js';

/** An offer as the engine knows it at the log position it has reached. */
export interface IndexedOffer {
  readonly offerId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly settings: OfferSettings;
  readonly capped: boolean;
}

/** What counts for an offer: purchases (by a rule), the customer's subscription (CREA), a referral (RFRL), or none. */
export type OfferTrigger =
  | { readonly on: 'purchase'; readonly rule: ProgressRule }
  | { readonly on: 'subscription' }
  | { readonly on: 'referral' }
  | { readonly on: 'none' };

/** Ambiguity 19: the engine follows conditionType / conditionValueType; offerType `average` takes the mean. */
export function triggerOf(settings: OfferSettings): OfferTrigger {
  switch (settings.conditionType) {
    case 'CREA':
      return { on: 'subscription' };
    case 'RFRL':
      return { on: 'referral' };
    case 'SPND':
      if (settings.offerType === 'average') return { on: 'purchase', rule: 'average' };
      return { on: 'purchase', rule: settings.conditionValueType === 'NMBR' ? 'count' : 'amount' };
    case 'LTRY':
      // A lottery condition names no measure the seed defines: the program draws (ambiguity 18).
      return { on: 'none' };
  }
}

/** Whether a `YYYY-MM-DD` day falls in the offer's period (by UTC day; open ends count). */
export function coversDay(settings: Pick<OfferSettings, 'startDate' | 'endDate'>, day: string): boolean {
  if (settings.startDate !== null && day < settings.startDate.slice(0, 10)) return false;
  return settings.endDate === null || day <= settings.endDate.slice(0, 10);
}

/** Whether a purchase at this store counts for the offer (its `stores`, by our id or the store's externalId). */
export function coversStore(settings: Pick<OfferSettings, 'stores'>, store: { id: string; externalId: string }) {
  const { stores } = settings;
  if (stores === null) return true;
  const named = (ids: readonly string[]) => ids.includes(store.id) || ids.includes(store.externalId);
  return 'related' in stores ? named(stores.related) : !named(stores.unrelated);
}

/** Days whose covering offers a hub keeps at once; past it, they are listed again as purchases ask. */
const DAYS_KEPT = 400;

/**
 * The offers of every hub, and per hub only its active, uncapped ones: a transaction looks at those alone, and of
 * those only at the ones whose period covers its day (listed once per day until the hub's offers change), so its work
 * does not grow with the hub's inactive or out-of-period offers. Rebuilt from the offer events as the log is read.
 */
export class OfferIndex {
  private readonly offers = new Map<string, IndexedOffer>();
  private readonly activeByHub = new Map<string, Map<string, IndexedOffer>>();
  /** Per hub, per trigger kind and day: the active offers whose period covers the day. */
  private readonly coveringByHub = new Map<string, Map<string, IndexedOffer[]>>();

  get(offerId: string): IndexedOffer | undefined {
    return this.offers.get(offerId);
  }

  /** The hub's active, uncapped offers of one trigger kind. */
  private active(hubId: string, on: OfferTrigger['on']): IndexedOffer[] {
    const active = this.activeByHub.get(hubId);
    if (!active) return [];
    return [...active.values()].filter((o) => triggerOf(o.settings).on === on);
  }

  /** The hub's active, uncapped offers of one trigger kind whose period covers `day` (`YYYY-MM-DD`). */
  covering(hubId: string, on: OfferTrigger['on'], day: string): readonly IndexedOffer[] {
    let byDay = this.coveringByHub.get(hubId);
    if (!byDay) this.coveringByHub.set(hubId, (byDay = new Map<string, IndexedOffer[]>()));
    const key = `${on} ${day}`;
    let offers = byDay.get(key);
    if (!offers) {
      if (byDay.size >= DAYS_KEPT) byDay.clear();
      byDay.set(key, (offers = this.active(hubId, on).filter((o) => coversDay(o.settings, day))));
    }
    return offers;
  }

  put(offer: IndexedOffer): void {
    this.offers.set(offer.offerId, offer);
    this.coveringByHub.delete(offer.hubId);
    let active = this.activeByHub.get(offer.hubId);
    if (!active) this.activeByHub.set(offer.hubId, (active = new Map<string, IndexedOffer>()));
    if (offer.settings.active && !offer.capped) active.set(offer.offerId, offer);
    else active.delete(offer.offerId);
  }

  created(offerId: string, hubId: string, programId: string, settings: OfferSettings): void {
    this.put({ offerId, hubId, programId, settings, capped: false });
  }

  updated(offerId: string, changes: Partial<OfferSettings>): void {
    const offer = this.offers.get(offerId);
    if (offer) this.put({ ...offer, settings: { ...offer.settings, ...changes } });
  }

  capped(offerId: string): void {
    const offer = this.offers.get(offerId);
    if (offer) this.put({ ...offer, capped: true });
  }
}
