import { describe, it } from 'vitest';
import type { RewardEvent } from '../../../../src/domain/hub/rewards/events.js';
import { rewardDecider, type CountPurchase, type RewardCommand } from '../../../../src/domain/hub/rewards/reward.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const ids = { rewardId: 'r1', hubId: 'h1', programId: 'p1', customerId: 'c1', offerId: 'o1', occurrence: 1 };
const completion = { rewardType: 'RFND' as const, rewardValue: 500, currency: 'EUR', settlement: 'cashback' as const };

function count(over: Partial<CountPurchase['data']> = {}): RewardCommand {
  return {
    type: 'CountPurchase',
    data: {
      ...ids,
      countedId: 't1',
      purchaseDate: '2026-12-04',
      amount: 3000,
      rule: 'amount',
      target: 5000,
      multipleOccurenceByDay: false,
      earlierDates: [],
      mayComplete: true,
      completion,
      now,
      ...over,
    },
  };
}

const started = (over: Partial<Extract<RewardEvent, { type: 'RewardStarted' }>['data']> = {}): RewardEvent => ({
  type: 'RewardStarted',
  data: {
    ...ids,
    transactionId: 't1',
    purchaseDate: '2026-12-04',
    amount: 3000,
    value: 3000,
    target: 5000,
    startedAt: now,
    ...over,
  },
});
const progressed = (transactionId: string, purchaseDate: string, amount: number, value: number): RewardEvent => ({
  type: 'RewardProgressed',
  data: { rewardId: 'r1', transactionId, purchaseDate, amount, value, target: 5000, progressedAt: now },
});
const completed = (transactionId?: string): RewardEvent => ({
  type: 'RewardCompleted',
  data: { ...ids, ...completion, ...(transactionId ? { transactionId } : {}), completedAt: now },
});

describe('a reward occurrence', () => {
  const reward = spec(rewardDecider);

  it('when a first purchase counts, then RewardStarted with its progress', () => {
    reward.given([]).when(count()).then([started()]);
  });

  it('given started, when a purchase of another day counts below the target, then RewardProgressed', () => {
    reward
      .given([started()])
      .when(count({ countedId: 't2', purchaseDate: '2026-12-05', amount: 1000 }))
      .then([progressed('t2', '2026-12-05', 1000, 4000)]);
  });

  it('given started, when a purchase meets SPND+AMNT, then RewardProgressed and RewardCompleted', () => {
    reward
      .given([started()])
      .when(count({ countedId: 't2', purchaseDate: '2026-12-05', amount: 2000 }))
      .then([progressed('t2', '2026-12-05', 2000, 5000), completed('t2')]);
  });

  it('when one purchase meets the target at once, then started and completed together', () => {
    reward
      .given([])
      .when(count({ amount: 6000 }))
      .then([started({ amount: 6000, value: 6000 }), completed('t1')]);
  });

  it('given the same transaction counted, when counted again (a replay), then nothing', () => {
    reward.given([started()]).when(count()).then([]);
  });

  it('given a purchase counted that day, when another of the same day comes, then nothing (once a day)', () => {
    reward
      .given([started()])
      .when(count({ countedId: 't2' }))
      .then([]);
  });

  it('given an earlier occurrence counted that day, when a purchase of that day comes, then nothing', () => {
    reward
      .given([])
      .when(count({ earlierDates: ['2026-12-04'] }))
      .then([]);
  });

  it('given multipleOccurenceByDay, when another purchase of the same day comes, then it counts', () => {
    reward
      .given([started()])
      .when(count({ countedId: 't2', amount: 1000, multipleOccurenceByDay: true }))
      .then([progressed('t2', '2026-12-04', 1000, 4000)]);
  });

  it('SPND+NMBR: when the count reaches conditionValue, then completed', () => {
    reward
      .given([started({ value: 1, target: 2 })])
      .when(count({ countedId: 't2', purchaseDate: '2026-12-05', rule: 'count', target: 2 }))
      .then([
        {
          type: 'RewardProgressed',
          data: {
            rewardId: 'r1',
            transactionId: 't2',
            purchaseDate: '2026-12-05',
            amount: 3000,
            value: 2,
            target: 2,
            progressedAt: now,
          },
        },
        completed('t2'),
      ]);
  });

  it('average: when the mean of the counted purchases reaches conditionValue, then completed', () => {
    reward
      .given([started({ amount: 2000, value: 2000, target: 2500 })])
      .when(count({ countedId: 't2', purchaseDate: '2026-12-05', rule: 'average', target: 2500, amount: 3000 }))
      .then([
        {
          type: 'RewardProgressed',
          data: {
            rewardId: 'r1',
            transactionId: 't2',
            purchaseDate: '2026-12-05',
            amount: 3000,
            value: 2500,
            target: 2500,
            progressedAt: now,
          },
        },
        completed('t2'),
      ]);
  });

  it('CREA: when the subscription counts, then started and completed (no purchase named)', () => {
    reward
      .given([])
      .when(count({ countedId: 'c1', purchaseDate: null, amount: 1, rule: 'count', target: 1 }))
      .then([started({ transactionId: 'c1', purchaseDate: null, amount: 1, value: 1, target: 1 }), completed()]);
  });

  it('when the condition is met but a limit forbids completing, then only counted', () => {
    reward
      .given([])
      .when(count({ amount: 6000, mayComplete: false }))
      .then([started({ amount: 6000, value: 6000 })]);
  });

  it('given completed, when another purchase comes, then nothing (the next occurrence counts it)', () => {
    reward
      .given([started({ amount: 6000, value: 6000 }), completed('t1')])
      .when(count({ countedId: 't9', purchaseDate: '2026-12-09' }))
      .then([]);
  });

  it('given completed, when refunded, then RewardRefunded; a second refund appends nothing', () => {
    const given = [started({ amount: 6000, value: 6000 }), completed('t1')];
    const refund: RewardCommand = { type: 'RefundReward', data: { cashbackId: 'k1', now } };
    const refunded: RewardEvent = {
      type: 'RewardRefunded',
      data: { rewardId: 'r1', cashbackId: 'k1', refundedAt: now },
    };
    reward.given(given).when(refund).then([refunded]);
    reward
      .given([...given, refunded])
      .when(refund)
      .then([]);
  });

  it('when an unknown reward is refunded, then not_found; a started one, operation_refused', () => {
    const refund: RewardCommand = { type: 'RefundReward', data: { cashbackId: 'k1', now } };
    reward.given([]).when(refund).thenThrows('not_found');
    reward.given([started()]).when(refund).thenThrows('operation_refused');
  });
});

describe('a reward occurrence decided on a stale state', () => {
  const reward = spec(rewardDecider);

  it('given one purchase counted, when a command decided on none comes (seen 0), then nothing: decide again', () => {
    reward
      .given([started()])
      .when(count({ countedId: 't2', purchaseDate: '2026-12-05', seen: 0 }))
      .then([]);
  });

  it('given one purchase counted, when a command saw it (seen 1), then it counts', () => {
    reward
      .given([started()])
      .when(count({ countedId: 't2', purchaseDate: '2026-12-05', amount: 1000, seen: 1 }))
      .then([progressed('t2', '2026-12-05', 1000, 4000)]);
  });
});
