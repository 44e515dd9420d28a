import { customerEvents } from '../../../domain/hub/customers/events.js';
import { hubEvents } from '../../../domain/hub/hubs/events.js';
import { offerEvents, offerTotalEvents } from '../../../domain/hub/offers/events.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { ProgressRule, Purchase } from '../../../domain/hub/rewards/reward.js';
import type { EventStore, RecordedEvent } from '../../../platform/eventstore/types.js';
import { purchaseEntryId, type Earning } from '../points/earn.js';
import { customerStream, transactionStream } from '../streams.js';
import type { Counting } from './count.js';
import { coversStore, OfferIndex, triggerOf, type IndexedOffer } from './offer-index.js';

/** What the engine keeps of a hub: how it pays. */
interface HubPay {
  readonly currency: string;
  readonly rewardType: 'CASHBACK' | 'POINTS';
  readonly pointsPerCurrencyUnit: number;
}

interface CustomerRef {
  readonly hubId: string;
  readonly programId: string;
  readonly referredBy: string | null;
  subscribed: boolean;
}

interface Imported {
  readonly customerId: string;
  readonly amount: number;
  readonly purchaseDate: string;
}

/** The events that build the engine's indexes (hubs, offers, customers) without counting anything. */
export const INDEX_EVENT_TYPES = [
  'HubCreated',
  'HubUpdated',
  'OfferCreated',
  'OfferUpdated',
  'OfferDeactivated',
  'OfferCapped',
  'CustomerRegistrationStarted',
  'CustomerDeleted',
] as const;

/** The events that count: purchases, subscriptions (CREA, and RFRL for the referrer). */
export const COUNTING_EVENT_TYPES = [
  'TransactionImported',
  'TransactionMatched',
  'TransactionAssociated',
  'CustomerSubscribed',
] as const;

export const REWARD_ENGINE_EVENT_TYPES = [...INDEX_EVENT_TYPES, ...COUNTING_EVENT_TYPES];

/**
 * The reward engine (flow 3): a process manager that reads the log in order and turns purchases and subscriptions
 * into reward, offer-total and points events, each on a deterministic stream at an expected revision. It decides
 * against the offers as the log stood at the purchase, so a changed offer applies to later purchases (decision 37),
 * and a replay, or a second engine, decides the same and appends nothing twice.
 */
export class RewardEngine {
  readonly offers = new OfferIndex();
  private readonly hubs = new Map<string, HubPay>();
  private readonly customers = new Map<string, CustomerRef>();
  /** Imported, not yet matched: most purchases are matched in the append that imports them. */
  private readonly imported = new Map<string, Imported>();

  constructor(private readonly deps: { readonly store: EventStore }) {}

  /** Indexes an event (hubs, offers, customers); counts nothing. */
  index(event: RecordedEvent): void {
    const hub = parseEvent(hubEvents, event.type, event.data);
    if (hub?.type === 'HubCreated') {
      const { currency, rewardType, pointsPerCurrencyUnit } = hub.data.settings;
      this.hubs.set(hub.data.hubId, { currency, rewardType, pointsPerCurrencyUnit });
    } else if (hub?.type === 'HubUpdated') {
      const known = this.hubs.get(hub.data.hubId);
      if (known) this.hubs.set(hub.data.hubId, { ...known, ...pick(hub.data.changes) });
    }
    const offer = parseEvent(offerEvents, event.type, event.data);
    if (offer?.type === 'OfferCreated') {
      const { offerId, hubId, programId, settings } = offer.data;
      this.offers.created(offerId, hubId, programId, settings);
    } else if (offer?.type === 'OfferUpdated') this.offers.updated(offer.data.offerId, offer.data.changes);
    else if (offer?.type === 'OfferDeactivated') this.offers.updated(offer.data.offerId, { active: false });
    const total = parseEvent(offerTotalEvents, event.type, event.data);
    if (total?.type === 'OfferCapped') this.offers.capped(total.data.offerId);
    const customer = parseEvent(customerEvents, event.type, event.data);
    if (customer?.type === 'CustomerRegistrationStarted') {
      const { customerId, hubId, programId, referredBy } = customer.data;
      this.customers.set(customerId, { hubId, programId, referredBy, subscribed: false });
    } else if (customer?.type === 'CustomerDeleted') this.customers.delete(customer.data.customerId);
  }

  /**
   * Indexes the event, then answers what it asks of the customers' streams, decided later on the page's states
   * (`decide`): the offers as they stand at this point of the log, so a changed offer applies to later purchases.
   */
  async prepare(event: RecordedEvent, now: string): Promise<Work[]> {
    this.index(event);
    const parsed = parseEvent(transactionEvents, event.type, event.data);
    if (parsed?.type === 'TransactionImported') {
      const { transactionId, customerId, amount, purchaseDate } = parsed.data;
      this.imported.set(transactionId, { customerId, amount, purchaseDate });
      return [];
    }
    if (parsed?.type === 'TransactionMatched' || parsed?.type === 'TransactionAssociated') {
      const { transactionId, purchaseLocation } = parsed.data;
      const imported = this.imported.get(transactionId) ?? (await this.importedOf(transactionId));
      this.imported.delete(transactionId);
      return imported ? this.purchase(transactionId, imported, purchaseLocation, now) : [];
    }
    if (parsed?.type === 'TransactionUnmatched') this.imported.delete(parsed.data.transactionId);
    const customer = parseEvent(customerEvents, event.type, event.data);
    if (customer?.type === 'CustomerSubscribed')
      return this.subscribed(customer.data.customerId, customer.data.subscribedAt, now);
    return [];
  }

  private async importedOf(transactionId: string): Promise<Imported | undefined> {
    const [first] = await this.deps.store.readStream(transactionStream(transactionId), { maxCount: 1 });
    const parsed = first && parseEvent(transactionEvents, first.type, first.data);
    if (parsed?.type !== 'TransactionImported') return undefined;
    const { customerId, amount, purchaseDate } = parsed.data;
    return { customerId, amount, purchaseDate };
  }

  private async customerOf(customerId: string): Promise<CustomerRef | undefined> {
    const known = this.customers.get(customerId);
    if (known) return known;
    const [first] = await this.deps.store.readStream(customerStream(customerId), { maxCount: 1 });
    const parsed = first && parseEvent(customerEvents, first.type, first.data);
    if (parsed?.type !== 'CustomerRegistrationStarted') return undefined;
    const { hubId, programId, referredBy } = parsed.data;
    // Met after a restart: a customer with purchases has subscribed.
    const ref = { hubId, programId, referredBy, subscribed: true };
    this.customers.set(customerId, ref);
    return ref;
  }

  private async purchase(
    transactionId: string,
    imported: Imported,
    store: { id: string; externalId: string },
    now: string,
  ): Promise<Work[]> {
    if (imported.amount >= 0) return [];
    const customer = await this.customerOf(imported.customerId);
    const hub = customer && this.hubs.get(customer.hubId);
    if (!customer || !hub) return [];
    const { customerId, purchaseDate } = imported;
    const owner = { customerId, hubId: customer.hubId, programId: customer.programId };
    const amount = -imported.amount;
    const work: Work[] = [];
    const value = Math.floor(amount / 100) * hub.pointsPerCurrencyUnit;
    if (value > 0) {
      const entryId = purchaseEntryId(transactionId);
      const earning = { ...owner, entryId, value, transactionId, rewardId: null, operationDate: purchaseDate };
      work.push({ earning, now });
    }
    for (const offer of this.offers.covering(customer.hubId, 'purchase', purchaseDate)) {
      const trigger = triggerOf(offer.settings);
      if (trigger.on !== 'purchase' || !coversStore(offer.settings, store)) continue;
      const purchase = { countedId: transactionId, purchaseDate, amount };
      work.push(counting(owner, hub, offer, trigger.rule, purchase, now));
    }
    return work;
  }

  private async subscribed(customerId: string, subscribedAt: string, now: string): Promise<Work[]> {
    const customer = await this.customerOf(customerId);
    if (!customer || customer.subscribed) return [];
    customer.subscribed = true;
    const hub = this.hubs.get(customer.hubId);
    if (!hub) return [];
    const day = subscribedAt.slice(0, 10);
    const once = { countedId: customerId, purchaseDate: null, amount: 1 };
    const owner = { customerId, hubId: customer.hubId, programId: customer.programId };
    const work: Work[] = this.offers
      .covering(customer.hubId, 'subscription', day)
      .map((offer) => counting(owner, hub, offer, 'count', once, now, 1));
    const referrerId = customer.referredBy;
    const referrer = referrerId === null ? undefined : await this.customerOf(referrerId);
    if (!referrerId || !referrer || referrer.hubId !== customer.hubId) return work;
    const by = { customerId: referrerId, hubId: referrer.hubId, programId: referrer.programId };
    for (const offer of this.offers.covering(customer.hubId, 'referral', day))
      work.push(counting(by, hub, offer, 'count', once, now));
    return work;
  }
}

/** What one event asks of a customer's streams (decided by settle.ts): points to earn, or a purchase to count. */
export type Work =
  { readonly earning: Earning; readonly now: string } | { readonly counting: Counting; readonly owner: Owner };

type Owner = Pick<Earning, 'customerId' | 'hubId' | 'programId'>;

function counting(
  owner: Owner,
  hub: HubPay,
  offer: IndexedOffer,
  rule: ProgressRule,
  purchase: Purchase,
  now: string,
  target = Math.max(1, offer.settings.conditionValue),
): Work {
  const { currency } = hub;
  const settlement = settlementOf(hub, offer);
  return {
    owner,
    counting: { customerId: owner.customerId, offer, rule, target, purchase, currency, settlement, now },
  };
}

function pick(changes: Partial<HubPay> & object): Partial<HubPay> {
  const out: { -readonly [K in keyof HubPay]?: HubPay[K] } = {};
  if (changes.currency !== undefined) out.currency = changes.currency;
  if (changes.rewardType !== undefined) out.rewardType = changes.rewardType;
  if (changes.pointsPerCurrencyUnit !== undefined) out.pointsPerCurrencyUnit = changes.pointsPerCurrencyUnit;
  return out;
}

/** Contract item 2: cashback for RFND in a CASHBACK hub, points in a POINTS hub, none for LTRY and GIFT_CARD. */
export function settlementOf(hub: Pick<HubPay, 'rewardType'>, offer: IndexedOffer): 'cashback' | 'points' | 'none' {
  if (hub.rewardType === 'POINTS') return 'points';
  return offer.settings.rewardType === 'RFND' ? 'cashback' : 'none';
}
