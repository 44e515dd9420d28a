import { describe, it } from 'vitest';
import type { PushEvent } from '../../../../src/domain/hub/pushes/events.js';
import { pushDecider, type PushCommand } from '../../../../src/domain/hub/pushes/push.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const batch = { batchId: 'b1', hubId: 'h1', programId: 'p1', transactionIds: ['t1', 't2'] };
const push: PushCommand = { type: 'PushTransactions', data: { ...batch, now } };
const pushed: PushEvent = { type: 'TransactionsPushed', data: { ...batch, pushedAt: now } };

describe('a push batch', () => {
  const batches = spec(pushDecider);

  it('when a batch is pushed, then TransactionsPushed', () => {
    batches.given([]).when(push).then([pushed]);
  });

  it('given it was pushed (by another worker), when pushed again, then nothing', () => {
    batches
      .given([pushed])
      .when({ type: 'PushTransactions', data: { ...batch, transactionIds: ['t1', 't2', 't3'], now } })
      .then([]);
  });
});
