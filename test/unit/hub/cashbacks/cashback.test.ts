import { describe, expect, it } from 'vitest';
import { cashbackDecider, submittable, type CashbackCommand } from '../../../../src/domain/hub/cashbacks/cashback.js';
import type { CashbackEvent } from '../../../../src/domain/hub/cashbacks/events.js';
import { idempotencyKeyOf, retryAtAfter, retryDue } from '../../../../src/domain/hub/cashbacks/rules.js';
import { fold } from '../../../../src/domain/shared/decider.js';
import { spec } from '../../../support/decider.js';

const t0 = '2026-12-01T09:00:00.000Z';
const t1 = '2026-12-01T10:00:00.000Z';
const t2 = '2026-12-02T10:00:00.000Z';
const tooEarly = '2026-12-01T09:30:00.000Z';
const retryTimes = [t1, t2];
const id = 'cb-1';

const request = {
  cashbackId: id,
  hubId: 'h1',
  programId: 'p1',
  customerId: 'c1',
  origin: 'reward' as const,
  rewardId: 'r1',
  externalId: null,
  amount: 1250,
  currency: 'EUR',
  label: 'Reward o1',
  ownerInfo: null,
  account: null,
  fingerprint: {},
};
const requested: CashbackEvent = { type: 'CashbackRequested', data: { ...request, requestedAt: t0 } };
const held: CashbackEvent = { type: 'CashbackHeld', data: { cashbackId: id, heldAt: t0 } };
const submitted = (attempt: number, at = t0): CashbackEvent => ({
  type: 'CashbackSubmitted',
  data: {
    cashbackId: id,
    attempt,
    idempotencyKey: idempotencyKeyOf(id, attempt),
    account: 'v1.sealed',
    accountLast4: '2606',
    submittedAt: at,
  },
});
const succeeded: CashbackEvent = {
  type: 'CashbackSucceeded',
  data: { cashbackId: id, attempt: 1, transferId: 'tr-1', succeededAt: t0 },
};
const failed = (attempt: number, retryAt: string | null, at = t0): CashbackEvent => ({
  type: 'CashbackFailed',
  data: { cashbackId: id, attempt, transferId: 'tr-x', reason: 'refused', retryAt, failedAt: at },
});
const submit = (now = t0): CashbackCommand => ({
  type: 'SubmitCashback',
  data: { account: 'v1.sealed', accountLast4: '2606', now },
});
const accepted = (attempt: number): CashbackCommand => ({
  type: 'RecordPayoutAnswer',
  data: { attempt, answer: { status: 'accepted', transferId: 'tr-1' }, retryTimes, now: t0 },
});
const refused = (attempt: number, now = t0): CashbackCommand => ({
  type: 'RecordPayoutAnswer',
  data: { attempt, answer: { status: 'refused', transferId: 'tr-x', reason: 'refused' }, retryTimes, now },
});

describe('cashback decider', () => {
  const { given } = spec(cashbackDecider);

  it('given nothing, when a cashback is requested, then it is requested; given it, then nothing more', () => {
    given([])
      .when({ type: 'RequestCashback', data: { ...request, now: t0 } })
      .then([requested]);
    given([requested])
      .when({ type: 'RequestCashback', data: { ...request, amount: 1, now: t1 } })
      .then([]);
  });

  it('given no cashback, when anything but a request, then 404', () => {
    given([]).when(submit()).thenThrows('not_found');
    given([])
      .when({ type: 'SettleCashback', data: { now: t0 } })
      .thenThrows('not_found');
  });

  it('given a requested cashback, when held, then held once per wait', () => {
    given([requested])
      .when({ type: 'HoldCashback', data: { now: t0 } })
      .then([held]);
    given([requested, held])
      .when({ type: 'HoldCashback', data: { now: t1 } })
      .then([]);
  });

  it('given a requested (or held) cashback, when submitted, then attempt 1 with the cashback id as the key', () => {
    given([requested])
      .when(submit())
      .then([submitted(1)]);
    given([requested, held])
      .when(submit())
      .then([submitted(1)]);
  });

  it('given a submission under way, when submitted again (a second worker), then nothing', () => {
    given([requested, submitted(1)])
      .when(submit())
      .then([]);
  });

  it('given a submission, when the provider accepts, then SUCCEEDED; a late or repeated answer changes nothing', () => {
    given([requested, submitted(1)])
      .when(accepted(1))
      .then([succeeded]);
    given([requested, submitted(1), succeeded])
      .when(accepted(1))
      .then([]);
    given([requested, submitted(1)])
      .when(accepted(2))
      .then([]);
  });

  it('given a submission, when the provider refuses, then FAILED with the schedule’s first retry time', () => {
    given([requested, submitted(1)])
      .when(refused(1))
      .then([failed(1, t1)]);
  });

  it('given a failed cashback, when submitted before its retry time, then nothing; at it, then attempt 2', () => {
    given([requested, submitted(1), failed(1, t1)])
      .when(submit(tooEarly))
      .then([]);
    given([requested, submitted(1), failed(1, t1)])
      .when(submit(t1))
      .then([submitted(2, t1)]);
  });

  it('given the last retry refused, then FAILED and REJECTED (paymentRefused)', () => {
    const history = [requested, submitted(1), failed(1, t1), submitted(2, t1), failed(2, t2, t1), submitted(3, t2)];
    given(history)
      .when(refused(3, t2))
      .then([
        failed(3, null, t2),
        { type: 'CashbackRejected', data: { cashbackId: id, reason: 'paymentRefused', rejectedAt: t2 } },
      ]);
  });

  it('given a SUCCEEDED cashback, when settled, then RECEIVED once; given a pending one, then nothing', () => {
    const received: CashbackEvent = {
      type: 'CashbackReceived',
      data: { cashbackId: id, transferId: 'tr-1', receivedAt: t1 },
    };
    given([requested, submitted(1), succeeded])
      .when({ type: 'SettleCashback', data: { now: t1 } })
      .then([received]);
    given([requested, submitted(1), succeeded, received])
      .when({ type: 'SettleCashback', data: { now: t2 } })
      .then([]);
    given([requested])
      .when({ type: 'SettleCashback', data: { now: t1 } })
      .then([]);
  });

  it('given an unsubmitted cashback (requested, held, failed), when the customer is deleted, then REJECTED', () => {
    const rejected: CashbackEvent = {
      type: 'CashbackRejected',
      data: { cashbackId: id, reason: 'customerDeleted', rejectedAt: t1 },
    };
    const reject: CashbackCommand = { type: 'RejectCashback', data: { reason: 'customerDeleted', now: t1 } };
    given([requested]).when(reject).then([rejected]);
    given([requested, held]).when(reject).then([rejected]);
    given([requested, submitted(1), failed(1, t1)])
      .when(reject)
      .then([rejected]);
  });

  it('given a cashback with the provider or final, when the customer is deleted, then nothing', () => {
    const reject: CashbackCommand = { type: 'RejectCashback', data: { reason: 'customerDeleted', now: t1 } };
    given([requested, submitted(1)])
      .when(reject)
      .then([]);
    given([requested, submitted(1), succeeded])
      .when(reject)
      .then([]);
    const rejected: CashbackEvent = {
      type: 'CashbackRejected',
      data: { cashbackId: id, reason: 'customerDeleted', rejectedAt: t0 },
    };
    given([requested, rejected]).when(reject).then([]);
    given([requested, rejected]).when(submit(t2)).then([]);
  });
});

describe('cashback rules', () => {
  it('retries after each time of the schedule, then never', () => {
    expect(retryAtAfter(1, retryTimes)).toBe(t1);
    expect(retryAtAfter(2, retryTimes)).toBe(t2);
    expect(retryAtAfter(3, retryTimes)).toBeNull();
    expect(retryAtAfter(1, [])).toBeNull();
  });

  it('a retry is due at its time, not before', () => {
    expect(retryDue(t1, tooEarly)).toBe(false);
    expect(retryDue(t1, t1)).toBe(true);
    expect(retryDue(null, t2)).toBe(false);
  });

  it('the port key is the cashback id, then the id and the attempt', () => {
    expect(idempotencyKeyOf('x', 1)).toBe('x');
    expect(idempotencyKeyOf('x', 3)).toBe('x.3');
  });

  it('a failed cashback is submittable only once its retry time came', () => {
    const state = fold(cashbackDecider, [requested, submitted(1), failed(1, t1)]);
    expect(submittable(state, tooEarly)).toBe(false);
    expect(submittable(state, t1)).toBe(true);
  });
});
