import { describe, it } from 'vitest';
import type { PointsEvent } from '../../../../src/domain/hub/points/events.js';
import { pointsDecider, type PointsCommand } from '../../../../src/domain/hub/points/points.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const owner = { customerId: 'c1', hubId: 'h1', programId: 'p1' };
const earn = (entryId: string, value: number): PointsCommand => ({
  type: 'EarnPoints',
  data: { ...owner, entryId, value, transactionId: 't1', rewardId: null, operationDate: '2026-12-04', now },
});
const earned = (entryId: string, value: number): PointsEvent => ({
  type: 'PointsEarned',
  data: { ...owner, entryId, value, transactionId: 't1', rewardId: null, operationDate: '2026-12-04' },
});
const spend = (entryId: string, value: number): PointsCommand => ({
  type: 'SpendPoints',
  data: { ...owner, entryId, value, operationDate: now, now },
});
const spent = (entryId: string, value: number): PointsEvent => ({
  type: 'PointsSpent',
  data: { ...owner, entryId, value, operationDate: now, spentAt: now },
});

describe('a points ledger', () => {
  const ledger = spec(pointsDecider);

  it('when a purchase earns, then PointsEarned; the same entry again (a replay), then nothing', () => {
    ledger
      .given([])
      .when(earn('e1', 10))
      .then([earned('e1', 10)]);
    ledger
      .given([earned('e1', 10)])
      .when(earn('e1', 10))
      .then([]);
  });

  it('when an earning is worth nothing, then nothing', () => {
    ledger.given([]).when(earn('e1', 0)).then([]);
  });

  it('given 34 earned, when 30 are spent, then PointsSpent; then 5 more, operation_refused', () => {
    ledger
      .given([earned('e1', 34)])
      .when(spend('s1', 30))
      .then([spent('s1', 30)]);
    ledger
      .given([earned('e1', 34), spent('s1', 30)])
      .when(spend('s2', 5))
      .thenThrows('operation_refused');
  });

  it('given the balance exactly, when it is spent, then PointsSpent (down to zero)', () => {
    ledger
      .given([earned('e1', 10)])
      .when(spend('s1', 10))
      .then([spent('s1', 10)]);
  });

  it('when a spend is not a positive integer, then invalid_request', () => {
    ledger
      .given([earned('e1', 10)])
      .when(spend('s1', 0))
      .thenThrows('invalid_request');
    ledger
      .given([earned('e1', 10)])
      .when(spend('s1', 1.5))
      .thenThrows('invalid_request');
  });
});
