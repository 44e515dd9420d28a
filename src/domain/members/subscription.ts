import { refused } from '../shared/errors.js';
import { addMonths, donationOf, MONTHS_PER_PERIOD, periodStart } from './billing.js';
import type { MemberEvent, SubscriptionPlan } from './events.js';

export interface Subscription {
  readonly plan: SubscriptionPlan;
  readonly amount: number;
  readonly currency: string;
  readonly since: string;
  /**
   * Where the billing calendar counts from: the first paid period's start,
   * moved to the end of the paid time on a plan change. null: never charged
   * here (a subscription recorded without a payment is not billed).
   */
  readonly anchor: string | null;
  /** Periods paid since the anchor. */
  readonly periodsPaid: number;
  /** The due period was declined: not a member until a later attempt succeeds. */
  readonly pastDue: boolean;
  /** Declined attempts at the period now due. */
  readonly failedAttempts: number;
}

/** What the payment provider answered, as the command brings it in. */
export type ChargeOutcome =
  | { readonly status: 'succeeded'; readonly chargeId: string }
  | { readonly status: 'failed'; readonly code: string; readonly reason: string };

/** A charge made for the member, with what the domain needs to record it. */
export interface Payment {
  readonly outcome: ChargeOutcome;
  readonly causeSharePercent: number;
  readonly donationId: string;
}

export interface ChargePeriodData extends Payment {
  readonly periodStart: string;
  readonly attempt: number;
  /** What was charged, minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly now: string;
}

/** When the next unpaid period starts, or null when the subscription is not billed here. */
export function nextDue(subscription: Subscription | null): string | null {
  if (!subscription?.anchor) return null;
  return periodStart(subscription.anchor, subscription.plan, subscription.periodsPaid);
}

/** A plan change keeps what is paid: the new plan's calendar starts where the paid time ends. */
export function changePlan(
  current: Subscription | null,
  change: Pick<Subscription, 'plan' | 'amount' | 'currency' | 'since'>,
): Subscription {
  if (!current) return { ...change, anchor: null, periodsPaid: 0, pastDue: false, failedAttempts: 0 };
  const { plan, amount, currency } = change;
  if (current.plan === plan || !current.anchor) return { ...current, plan, amount, currency };
  return { ...current, plan, amount, currency, anchor: nextDue(current), periodsPaid: 0 };
}

export function evolveCharged(current: Subscription | null, periodStartIso: string): Subscription | null {
  if (!current) return current;
  const anchor = current.anchor ?? periodStartIso;
  return { ...current, anchor, periodsPaid: current.periodsPaid + 1, pastDue: false, failedAttempts: 0 };
}

export const evolveFailed = (current: Subscription | null): Subscription | null =>
  current && { ...current, pastDue: true, failedAttempts: current.failedAttempts + 1 };

interface Charging {
  readonly memberId: string;
  readonly plan: SubscriptionPlan;
  readonly causeId: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly now: string;
}

function charged(c: Charging, payment: Payment & { outcome: { status: 'succeeded' } }): MemberEvent {
  return {
    type: 'SubscriptionCharged',
    data: {
      memberId: c.memberId,
      donationId: payment.donationId,
      chargeId: payment.outcome.chargeId,
      plan: c.plan,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      amount: c.amount,
      donation: donationOf(c.amount, payment.causeSharePercent),
      currency: c.currency,
      causeId: c.causeId,
      chargedAt: c.now,
    },
  };
}

/**
 * The first period, charged as the member subscribes: a decline refuses the subscription with the provider's reason.
 */
export function firstPeriodCharged(c: Omit<Charging, 'periodStart' | 'periodEnd'>, payment: Payment): MemberEvent {
  const { outcome } = payment;
  if (c.causeId === null)
    throw refused('choose a cause (cause_id) to subscribe: each payment gives to it', [
      { field: 'cause_id', message: 'required to subscribe' },
    ]);
  if (outcome.status === 'failed')
    throw refused(outcome.reason, [{ field: 'stripeToken', message: `${outcome.code}: ${outcome.reason}` }]);
  const periodEnd = addMonths(c.now, MONTHS_PER_PERIOD[c.plan]);
  return charged({ ...c, periodStart: c.now, periodEnd }, { ...payment, outcome });
}

/**
 * A renewal: recorded only for the period now due and the attempt now expected,
 * so a second worker billing the same period (or a retried job) records nothing.
 */
export function decideChargePeriod(
  memberId: string,
  causeId: string | null,
  subscription: Subscription | null,
  data: ChargePeriodData,
): MemberEvent[] {
  if (
    !subscription?.anchor ||
    nextDue(subscription) !== data.periodStart ||
    subscription.failedAttempts !== data.attempt
  )
    return [];
  const { outcome } = data;
  if (outcome.status === 'failed') {
    const { periodStart: start, amount, currency, attempt, now } = data;
    const failed = {
      memberId,
      plan: subscription.plan,
      periodStart: start,
      amount,
      currency,
      attempt,
      code: outcome.code,
      reason: outcome.reason,
      failedAt: now,
    };
    return [{ type: 'SubscriptionChargeFailed', data: failed }];
  }
  const periodEnd = periodStart(subscription.anchor, subscription.plan, subscription.periodsPaid + 1);
  const charging = {
    memberId,
    plan: subscription.plan,
    causeId,
    amount: data.amount,
    currency: data.currency,
    periodStart: data.periodStart,
    periodEnd,
    now: data.now,
  };
  return [charged(charging, { ...data, outcome })];
}
