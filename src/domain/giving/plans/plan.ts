import type { Decider } from '../../shared/decider.js';
import { DomainError, notFound, refused } from '../../shared/errors.js';
import type { PlanEvent, PlanMethod, PlanSupporter } from './events.js';
import { donationAmounts, type FeeSettings } from '../donations/fees.js';
import type { PlanCommand } from './commands.js';
import { billDate, firstPeriodOnOrAfter, type Frequency } from './schedule.js';

export type PlanStatus = 'active' | 'paused' | 'past_due' | 'canceled' | 'ended';

export interface Plan {
  readonly status: PlanStatus;
  readonly planId: string;
  readonly programId: string;
  readonly campaignId: string;
  readonly frequency: Frequency;
  readonly amount: number;
  readonly currency: string;
  readonly method: PlanMethod;
  readonly coverFee: boolean;
  readonly feeCovered: number;
  readonly supporter: PlanSupporter;
  readonly paymentToken: string | null;
  readonly anchor: string;
  /** Periods since the anchor: the pending bill date is anchor + index periods. */
  readonly index: number;
  /** Periods billed since the plan began: with `attempt`, what names one charge. */
  readonly period: number;
  /** Failed charges of the pending period. */
  readonly attempt: number;
  readonly endAt: string | null;
}

export type PlanState =
  { readonly kind: 'none' } | { readonly kind: 'deleted' } | { readonly kind: 'plan'; readonly plan: Plan };

/** The program's card fee, which the supporter may cover, as donations apply it. */
export type CardFeeSettings = FeeSettings;

export type { PlanCommand } from './commands.js';

/** The date the plan bills next (null once it bills no more). */
export function nextBillDate(plan: Plan): string | null {
  if (plan.status === 'canceled' || plan.status === 'ended') return null;
  return billDate(plan.anchor, plan.frequency, plan.index);
}

/** Due for a charge at `now`: active or past due, its pending date reached and not past end_at. */
export function isDue(plan: Plan, now: string): boolean {
  const next = nextBillDate(plan);
  return (
    (plan.status === 'active' || plan.status === 'past_due') && next !== null && next <= now && !endsBefore(plan, next)
  );
}

/** The pending date lies past end_at: the plan has run its course. */
export const endsBefore = (plan: Plan, date: string): boolean => plan.endAt !== null && date > plan.endAt;

const feeFor = (method: PlanMethod, coverFee: boolean, amount: number, fee: CardFeeSettings): number =>
  donationAmounts(amount, method, coverFee, fee).feeCovered;

function evolvePlan(plan: Plan, event: PlanEvent): PlanState {
  const next = (changes: Partial<Plan>): PlanState => ({ kind: 'plan', plan: { ...plan, ...changes } });
  switch (event.type) {
    case 'PlanCreated':
      return { kind: 'plan', plan };
    case 'PlanChanged': {
      const { amount, feeCovered, frequency, schedule } = event.data;
      return next({
        ...(amount !== undefined ? { amount } : {}),
        ...(feeCovered !== undefined ? { feeCovered } : {}),
        ...(frequency !== undefined ? { frequency } : {}),
        ...(schedule ? { anchor: schedule.anchor, index: schedule.index } : {}),
      });
    }
    case 'PlanPaymentMethodChanged':
      // The pending attempt has never been charged, so the new token gets a fresh idempotency key as it is.
      return next({ paymentToken: event.data.paymentToken });
    case 'PlanPaused':
      return next({ status: 'paused' });
    case 'PlanResumed':
      return next({ status: 'active', index: event.data.index, attempt: 0 });
    case 'PlanCanceled':
      return next({ status: 'canceled' });
    case 'PlanEnded':
      return next({ status: 'ended' });
    case 'PlanDeleted':
      return { kind: 'deleted' };
    case 'PlanBilled':
      return next({
        period: plan.period + 1,
        index: plan.index + 1,
        attempt: 0,
        status: plan.status === 'past_due' ? 'active' : plan.status,
      });
    case 'PlanPaymentFailed':
      return next({ attempt: plan.attempt + 1, status: plan.status === 'active' ? 'past_due' : plan.status });
  }
}

function evolve(state: PlanState, event: PlanEvent): PlanState {
  if (event.type === 'PlanCreated') {
    const { createdAt: _createdAt, startAt, ...data } = event.data;
    return { kind: 'plan', plan: { ...data, status: 'active', anchor: startAt, index: 0, period: 0, attempt: 0 } };
  }
  return state.kind === 'plan' ? evolvePlan(state.plan, event) : state;
}

function change(plan: Plan, data: Extract<PlanCommand, { type: 'ChangePlan' }>['data']): PlanEvent[] {
  const { planId } = plan;
  const { now } = data;
  if (plan.status === 'canceled' || plan.status === 'ended') throw refused(`a ${plan.status} plan cannot change`);
  const events: PlanEvent[] = [];
  const amount = data.amount !== undefined && data.amount !== plan.amount ? data.amount : undefined;
  const frequency = data.frequency !== undefined && data.frequency !== plan.frequency ? data.frequency : undefined;
  if (amount !== undefined || frequency !== undefined) {
    events.push({
      type: 'PlanChanged',
      data: {
        planId,
        ...(amount !== undefined
          ? { amount, feeCovered: feeFor(plan.method, plan.coverFee, amount, data.cardFee) }
          : {}),
        ...(frequency !== undefined
          ? { frequency, schedule: { anchor: billDate(plan.anchor, plan.frequency, plan.index), index: 0 } }
          : {}),
        changedAt: now,
      },
    });
  }
  if (data.paymentToken !== undefined) {
    if (plan.method !== 'card')
      throw new DomainError('invalid_request', 'only a card plan takes a payment token', [
        { field: 'payment_token', message: 'only for method card' },
      ]);
    events.push({
      type: 'PlanPaymentMethodChanged',
      data: { planId, paymentToken: data.paymentToken, changedAt: now },
    });
  }
  if (data.status === 'paused' && plan.status !== 'paused')
    events.push({ type: 'PlanPaused', data: { planId, pausedAt: now } });
  if (data.status === 'active' && plan.status === 'paused') {
    // Resume on the schedule as this same change leaves it, skipping the dates the pause covered.
    const after = events.reduce<Plan>((current, event) => {
      const evolved = evolvePlan(current, event);
      return evolved.kind === 'plan' ? evolved.plan : current;
    }, plan);
    const index = firstPeriodOnOrAfter(after.anchor, after.frequency, after.index, now);
    events.push({
      type: 'PlanResumed',
      data: { planId, index, nextBillDate: billDate(after.anchor, after.frequency, index), resumedAt: now },
    });
  }
  return events;
}

function decideFor(command: Exclude<PlanCommand, { type: 'CreatePlan' }>, plan: Plan): PlanEvent[] {
  const { planId } = plan;
  switch (command.type) {
    case 'ChangePlan':
      return change(plan, command.data);
    case 'CancelPlan':
      if (plan.status === 'canceled') return [];
      if (plan.status === 'ended') throw refused('the plan has ended already');
      return [{ type: 'PlanCanceled', data: { planId, canceledAt: command.data.now } }];
    case 'DeletePlan':
      return [{ type: 'PlanDeleted', data: { planId, deletedAt: command.data.now } }];
    case 'BillPlan': {
      // Another worker billed this period already: nothing to do.
      if (command.data.period !== plan.period) return [];
      const { donationId, chargeId, charged, now } = command.data;
      const billed = billDate(plan.anchor, plan.frequency, plan.index);
      const following = billDate(plan.anchor, plan.frequency, plan.index + 1);
      const events: PlanEvent[] = [
        {
          type: 'PlanBilled',
          data: {
            planId,
            period: plan.period,
            billDate: billed,
            donationId,
            chargeId,
            charged,
            nextBillDate: following,
            billedAt: now,
          },
        },
      ];
      const stillBilling = plan.status === 'active' || plan.status === 'past_due';
      if (stillBilling && endsBefore(plan, following))
        events.push({ type: 'PlanEnded', data: { planId, endedAt: now } });
      return events;
    }
    case 'RecordPaymentFailure': {
      const { period, attempt, code, reason, now } = command.data;
      if (period !== plan.period || attempt !== plan.attempt) return [];
      return [{ type: 'PlanPaymentFailed', data: { planId, period, attempt, code, reason, failedAt: now } }];
    }
    case 'EndPlan': {
      const billing = plan.status === 'active' || plan.status === 'past_due' || plan.status === 'paused';
      if (!billing || !endsBefore(plan, billDate(plan.anchor, plan.frequency, plan.index))) return [];
      return [{ type: 'PlanEnded', data: { planId, endedAt: command.data.now } }];
    }
  }
}

export const planDecider: Decider<PlanState, PlanCommand, PlanEvent> = {
  initialState: () => ({ kind: 'none' }),
  evolve,
  decide: (command, state) => {
    if (command.type === 'CreatePlan') {
      if (state.kind !== 'none') throw new DomainError('conflict', 'the plan exists already');
      const { now, cardFee: fee, ...data } = command.data;
      if (data.endAt !== null && data.endAt <= data.startAt) {
        throw new DomainError('invalid_request', 'end_at must come after start_at', [
          { field: 'end_at', message: 'after start_at' },
        ]);
      }
      if (data.method !== 'card' && data.paymentToken !== null) {
        throw new DomainError('invalid_request', 'only a card plan takes a payment token', [
          { field: 'payment_token', message: 'only for method card' },
        ]);
      }
      return [
        {
          type: 'PlanCreated',
          data: { ...data, feeCovered: feeFor(data.method, data.coverFee, data.amount, fee), createdAt: now },
        },
      ];
    }
    if (state.kind !== 'plan') {
      // A late billing job for a deleted plan records nothing.
      if (
        state.kind === 'deleted' &&
        (command.type === 'BillPlan' || command.type === 'RecordPaymentFailure' || command.type === 'EndPlan')
      )
        return [];
      throw notFound('recurring plan');
    }
    return decideFor(command, state.plan);
  },
};
