import { describe, expect, it } from 'vitest';
import type { PlanEvent } from '../../../../src/domain/giving/plans/events.js';
import { isDue, nextBillDate, planDecider, type PlanCommand } from '../../../../src/domain/giving/plans/plan.js';
import { fold } from '../../../../src/domain/shared/decider.js';
import { spec } from '../../../support/decider.js';

const now = '2026-01-20T10:00:00.000Z';
const start = '2026-01-31T09:00:00.000Z';
const cardFee = { basisPoints: 290, fixed: 30 };
const supporter = { firstName: 'Camille', lastName: 'Durand', email: 'camille@example.org', phone: null };

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'p1',
    programId: 'prog',
    campaignId: 'c1',
    frequency: 'monthly',
    amount: 2000,
    currency: 'EUR',
    method: 'card',
    coverFee: true,
    feeCovered: 88,
    supporter,
    paymentToken: 'sealed-token',
    startAt: start,
    endAt: null,
    createdAt: now,
  },
};
const billed = (period: number, billDate: string, nextBillDate: string): PlanEvent => ({
  type: 'PlanBilled',
  data: {
    planId: 'p1',
    period,
    billDate,
    donationId: `d${period}`,
    chargeId: `ch${period}`,
    charged: 2088,
    nextBillDate,
    billedAt: billDate,
  },
});
const failed = (attempt: number): PlanEvent => ({
  type: 'PlanPaymentFailed',
  data: {
    planId: 'p1',
    period: 0,
    attempt,
    code: 'card_declined',
    reason: 'declined',
    failedAt: '2026-02-01T00:00:00.000Z',
  },
});
const paused: PlanEvent = { type: 'PlanPaused', data: { planId: 'p1', pausedAt: now } };
const canceled: PlanEvent = { type: 'PlanCanceled', data: { planId: 'p1', canceledAt: now } };
const change = (data: Partial<Extract<PlanCommand, { type: 'ChangePlan' }>['data']>, at = now): PlanCommand => ({
  type: 'ChangePlan',
  data: { cardFee, now: at, ...data },
});
const bill = (period: number, at = '2026-02-01T00:00:00.000Z'): PlanCommand => ({
  type: 'BillPlan',
  data: { period, donationId: `d${period}`, chargeId: `ch${period}`, charged: 2088, now: at },
});

describe('recurring plan', () => {
  const { given } = spec(planDecider);

  describe('creating', () => {
    const create: PlanCommand = { type: 'CreatePlan', data: { ...created.data, cardFee, now } };
    it('when a card plan covering the fee is created, then PlanCreated carries the fee the supporter adds', () => {
      given([]).when(create).then([created]);
    });
    it('when the plan exists, then creating it again is a conflict', () => {
      given([created]).when(create).thenThrows('conflict');
    });
    it('when end_at is not after start_at, then the request is invalid', () => {
      given([])
        .when({ ...create, data: { ...create.data, endAt: start } })
        .thenThrows('invalid_request');
    });
    it('when a check plan comes with a card token, then the request is invalid', () => {
      given([])
        .when({ ...create, data: { ...create.data, method: 'check' } })
        .thenThrows('invalid_request');
    });
    it('then the plan starts active and bills first at start_at', () => {
      const state = fold(planDecider, [created]);
      expect(state.kind === 'plan' && [state.plan.status, nextBillDate(state.plan)]).toEqual(['active', start]);
    });
  });

  describe('changing', () => {
    it('when the amount changes, then the covered fee is computed again', () => {
      given([created])
        .when(change({ amount: 2500 }))
        .then([{ type: 'PlanChanged', data: { planId: 'p1', amount: 2500, feeCovered: 103, changedAt: now } }]);
    });
    it('when the frequency changes, then the new schedule starts from the pending bill date', () => {
      given([created, billed(0, start, '2026-02-28T09:00:00.000Z')])
        .when(change({ frequency: 'quarterly' }))
        .then([
          {
            type: 'PlanChanged',
            data: {
              planId: 'p1',
              frequency: 'quarterly',
              schedule: { anchor: '2026-02-28T09:00:00.000Z', index: 0 },
              changedAt: now,
            },
          },
        ]);
    });
    it('when nothing changes, then nothing is recorded', () => {
      given([created])
        .when(change({ amount: 2000, frequency: 'monthly', status: 'active' }))
        .then([]);
    });
    it('when a new card token is given, then it is recorded', () => {
      given([created, failed(0)])
        .when(change({ paymentToken: 'sealed-new' }))
        .then([
          { type: 'PlanPaymentMethodChanged', data: { planId: 'p1', paymentToken: 'sealed-new', changedAt: now } },
        ]);
    });
    it('when a canceled plan is changed, then the operation is refused', () => {
      given([created, canceled])
        .when(change({ amount: 2500 }))
        .thenThrows('operation_refused');
    });
    it('when the plan does not exist, then it is not found', () => {
      given([])
        .when(change({ amount: 2500 }))
        .thenThrows('not_found');
    });
  });

  describe('pausing and resuming', () => {
    it('when an active plan is paused, then PlanPaused; pausing again records nothing', () => {
      given([created])
        .when(change({ status: 'paused' }))
        .then([paused]);
      given([created, paused])
        .when(change({ status: 'paused' }))
        .then([]);
    });
    it('when a past-due plan is paused, then it is paused', () => {
      given([created, failed(0)])
        .when(change({ status: 'paused' }))
        .then([paused]);
    });
    it('when resumed after the pause covered two bill dates, then those are skipped', () => {
      const at = '2026-04-01T00:00:00.000Z';
      given([created, paused])
        .when(change({ status: 'active' }, at))
        .then([
          {
            type: 'PlanResumed',
            data: { planId: 'p1', index: 3, nextBillDate: '2026-04-30T09:00:00.000Z', resumedAt: at },
          },
        ]);
    });
    it('when a paused plan is due, then it is not billed', () => {
      const state = fold(planDecider, [created, paused]);
      expect(state.kind === 'plan' && isDue(state.plan, '2026-03-01T00:00:00.000Z')).toBe(false);
    });
  });

  describe('canceling and deleting', () => {
    it('when canceled, then PlanCanceled; canceling again records nothing', () => {
      given([created]).when({ type: 'CancelPlan', data: { now } }).then([canceled]);
      given([created, canceled]).when({ type: 'CancelPlan', data: { now } }).then([]);
    });
    it('when an ended plan is canceled, then the operation is refused', () => {
      given([created, { type: 'PlanEnded', data: { planId: 'p1', endedAt: now } }])
        .when({ type: 'CancelPlan', data: { now } })
        .thenThrows('operation_refused');
    });
    it('when deleted, then PlanDeleted, and the plan is gone afterwards', () => {
      const deleted: PlanEvent = { type: 'PlanDeleted', data: { planId: 'p1', deletedAt: now } };
      given([created]).when({ type: 'DeletePlan', data: { now } }).then([deleted]);
      given([created, deleted]).when({ type: 'CancelPlan', data: { now } }).thenThrows('not_found');
      given([created, deleted]).when(bill(0)).then([]);
    });
  });

  describe('billing', () => {
    it('when the pending period is billed, then PlanBilled moves the date by the anchor’s calendar (31 Jan → 28 Feb)', () => {
      const expected = billed(0, start, '2026-02-28T09:00:00.000Z');
      given([created])
        .when(bill(0))
        .then([{ ...expected, data: { ...expected.data, billedAt: '2026-02-01T00:00:00.000Z' } } as PlanEvent]);
    });
    it('when a period already billed is billed again (a second worker), then nothing is recorded', () => {
      given([created, billed(0, start, '2026-02-28T09:00:00.000Z')])
        .when(bill(0))
        .then([]);
    });
    it('when the third period is billed, then the day comes back to the 31st', () => {
      const state = fold(planDecider, [
        created,
        billed(0, start, '2026-02-28T09:00:00.000Z'),
        billed(1, '2026-02-28T09:00:00.000Z', '2026-03-31T09:00:00.000Z'),
      ]);
      expect(state.kind === 'plan' && nextBillDate(state.plan)).toBe('2026-03-31T09:00:00.000Z');
    });
    it('when the next date passes end_at, then the plan ends with the billing', () => {
      const ending = { ...created, data: { ...created.data, endAt: '2026-02-15T00:00:00.000Z' } } as PlanEvent;
      const events = planDecider.decide(bill(0), fold(planDecider, [ending]));
      expect(events.map((e) => e.type)).toEqual(['PlanBilled', 'PlanEnded']);
    });
    it('when a charge fails, then the plan is past due, and a second report of that attempt records nothing', () => {
      const fail: PlanCommand = {
        type: 'RecordPaymentFailure',
        data: { period: 0, attempt: 0, code: 'card_declined', reason: 'declined', now: '2026-02-01T00:00:00.000Z' },
      };
      given([created])
        .when(fail)
        .then([failed(0)]);
      given([created, failed(0)])
        .when(fail)
        .then([]);
      const state = fold(planDecider, [created, failed(0)]);
      expect(
        state.kind === 'plan' && [state.plan.status, state.plan.attempt, isDue(state.plan, '2026-02-02T00:00:00.000Z')],
      ).toEqual(['past_due', 1, true]);
    });
    it('when a past-due plan is billed, then it is active again', () => {
      const state = fold(planDecider, [created, failed(0), billed(0, start, '2026-02-28T09:00:00.000Z')]);
      expect(state.kind === 'plan' && state.plan.status).toBe('active');
    });
    it('when the pending date is past end_at, then EndPlan ends it; otherwise it records nothing', () => {
      const ending = {
        ...created,
        data: { ...created.data, endAt: '2026-01-01T00:00:00.000Z', startAt: '2025-12-31T09:00:00.000Z' },
      } as PlanEvent;
      given([ending, billed(0, '2025-12-31T09:00:00.000Z', '2026-01-31T09:00:00.000Z')])
        .when({ type: 'EndPlan', data: { now } })
        .then([{ type: 'PlanEnded', data: { planId: 'p1', endedAt: now } }]);
      given([created]).when({ type: 'EndPlan', data: { now } }).then([]);
    });
  });
});
