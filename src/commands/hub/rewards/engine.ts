import { customerEvents } from '../../../domain/hub/customers/events.js';
import { hubEvents } from '../../../domain/hub/hubs/events.js';
import { offerEvents, offerTotalEvents } from '../../../domain/hub/offers/events.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import { customerStream, transactionStream } from '../streams.js';
import { countOnOffer, type Completed } from './count.js';
import { coversDay, coversStore, OfferIndex, triggerOf, type IndexedOffer } from './offer-index.js';
import { earnPoints, purchaseEntryId, rewardEntryId } from '../points/earn.js';

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

  constructor(private readonly deps: CommandDeps) {}

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

  /** The customer of a purchase imported and not yet matched, as this engine saw it. */
  customerOfTransaction(transactionId: string): string | undefined {
    return this.imported.get(transactionId)?.customerId;
  }

  /** Indexes the event, then counts what it brings. */
  async handle(event: RecordedEvent): Promise<void> {
    this.index(event);
    const parsed = parseEvent(transactionEvents, event.type, event.data);
    if (parsed?.type === 'TransactionImported') {
      const { transactionId, customerId, amount, purchaseDate } = parsed.data;
      this.imported.set(transactionId, { customerId, amount, purchaseDate });
      return;
    }
    if (parsed?.type === 'TransactionMatched' || parsed?.type === 'TransactionAssociated') {
      const { transactionId, purchaseLocation } = parsed.data;
      const imported = this.imported.get(transactionId) ?? (await this.importedOf(transactionId));
      this.imported.delete(transactionId);
      if (imported) await this.purchase(transactionId, imported, purchaseLocation);
      return;
    }
    if (parsed?.type === 'TransactionUnmatched') this.imported.delete(parsed.data.transactionId);
    const customer = parseEvent(customerEvents, event.type, event.data);
    if (customer?.type === 'CustomerSubscribed')
      await this.subscribed(customer.data.customerId, customer.data.subscribedAt);
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

  private async purchase(transactionId: string, imported: Imported, store: { id: string; externalId: string }) {
    if (imported.amount >= 0) return;
    const customer = await this.customerOf(imported.customerId);
    const hub = customer && this.hubs.get(customer.hubId);
    if (!customer || !hub) return;
    const amount = -imported.amount;
    const { purchaseDate } = imported;
    const points = Math.floor(amount / 100) * hub.pointsPerCurrencyUnit;
    if (points > 0) {
      const owner = { customerId: imported.customerId, hubId: customer.hubId, programId: customer.programId };
      await earnPoints(this.deps, {
        ...owner,
        entryId: purchaseEntryId(transactionId),
        value: points,
        transactionId,
        rewardId: null,
        operationDate: purchaseDate,
      });
    }
    for (const offer of this.offers.active(customer.hubId, 'purchase')) {
      const trigger = triggerOf(offer.settings);
      if (trigger.on !== 'purchase') continue;
      if (!coversDay(offer.settings, purchaseDate) || !coversStore(offer.settings, store)) continue;
      const purchase = { countedId: transactionId, purchaseDate, amount };
      await this.count(imported.customerId, customer, hub, offer, trigger.rule, purchase);
    }
  }

  private async subscribed(customerId: string, subscribedAt: string) {
    const customer = await this.customerOf(customerId);
    if (!customer || customer.subscribed) return;
    customer.subscribed = true;
    const hub = this.hubs.get(customer.hubId);
    if (!hub) return;
    const day = subscribedAt.slice(0, 10);
    const once = { countedId: customerId, purchaseDate: null, amount: 1 };
    for (const offer of this.offers.active(customer.hubId, 'subscription'))
      if (coversDay(offer.settings, day)) await this.count(customerId, customer, hub, offer, 'count', once, 1);
    const referrerId = customer.referredBy;
    const referrer = referrerId === null ? undefined : await this.customerOf(referrerId);
    if (!referrerId || !referrer || referrer.hubId !== customer.hubId) return;
    for (const offer of this.offers.active(customer.hubId, 'referral'))
      if (coversDay(offer.settings, day)) await this.count(referrerId, referrer, hub, offer, 'count', once);
  }

  private async count(
    customerId: string,
    customer: CustomerRef,
    hub: HubPay,
    offer: IndexedOffer,
    rule: 'amount' | 'count' | 'average',
    purchase: { countedId: string; purchaseDate: string | null; amount: number },
    target = Math.max(1, offer.settings.conditionValue),
  ) {
    const settlement = settlementOf(hub, offer);
    const completed = await countOnOffer(this.deps, {
      customerId,
      offer,
      rule,
      target,
      purchase,
      currency: hub.currency,
      settlement,
    });
    if (completed) await this.pay(customerId, customer, completed);
  }

  /** A POINTS hub pays the reward in points here; a cashback is the cashback process's (contract item 3). */
  private async pay(customerId: string, customer: CustomerRef, completed: Completed) {
    if (completed.settlement !== 'points' || completed.rewardValue <= 0) return;
    await earnPoints(this.deps, {
      customerId,
      hubId: customer.hubId,
      programId: customer.programId,
      entryId: rewardEntryId(completed.rewardId),
      value: completed.rewardValue,
      transactionId: null,
      rewardId: completed.rewardId,
      operationDate: this.deps.clock.now().toISOString(),
    });
  }
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
