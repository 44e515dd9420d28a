import { z } from 'zod';
import { comparePositions, type Position } from '../../../platform/eventstore/position.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { CashbackDeps } from './aggregate.js';
import { loadCashback } from './aggregate.js';
import { refundIfReward, rejectForDeletedCustomer, submitCashback } from './payout.js';
import { requestRewardCashback } from './request.js';

/** The fields of the rewards side's RewardCompleted this process reads (contract item 2). */
const rewardCompleted = z.object({
  rewardId: z.string(),
  hubId: z.string(),
  programId: z.string(),
  customerId: z.string(),
  offerId: z.string(),
  rewardType: z.string(),
  rewardValue: z.number().int(),
  currency: z.string(),
  settlement: z.string(),
});
const ofCustomer = z.object({ customerId: z.string() });
const ofCashback = z.object({ cashbackId: z.string() });

export const CASHBACK_PROCESS_EVENTS = [
  'RewardCompleted',
  'CashbackReceived',
  'CustomerDeleted',
  'CashbackMethodRetrieved',
] as const;

export interface CashbackProcessDeps extends CashbackDeps {
  /** The customer's cashbacks not with the provider (requested, held, failed), from the read model. */
  readonly unsubmittedOf: (customerId: string) => Promise<string[]>;
  /** The customer's held cashbacks, from the read model. */
  readonly heldOf: (customerId: string) => Promise<string[]>;
  readonly checkpoint: { read(): Promise<Position>; save(position: Position): Promise<void> };
}

/**
 * The cashback process manager: a completed cashback-settled reward requests its cashback (contract item 3); a
 * RECEIVED reward cashback refunds its reward (item 4); a deleted customer's unsubmitted cashbacks are rejected (flow
 * 1.8); a retrieved method sends the held ones on. Every effect lands on a stream named by its cause, decided against
 * that stream, so a replay or two processes at once act once.
 */
export async function handleCashbackProcessEvent(deps: CashbackProcessDeps, event: RecordedEvent): Promise<void> {
  switch (event.type) {
    case 'RewardCompleted': {
      const reward = rewardCompleted.parse(event.data);
      if (reward.settlement === 'cashback' && reward.rewardValue > 0) await requestRewardCashback(deps, reward);
      return;
    }
    case 'CashbackReceived': {
      const { state } = await loadCashback(deps.store, ofCashback.parse(event.data).cashbackId);
      if (state.status !== 'none') await refundIfReward(deps, state, event.createdAt.toISOString());
      return;
    }
    case 'CustomerDeleted':
      for (const id of await deps.unsubmittedOf(ofCustomer.parse(event.data).customerId))
        await rejectForDeletedCustomer(deps, id);
      return;
    case 'CashbackMethodRetrieved':
      for (const id of await deps.heldOf(ofCustomer.parse(event.data).customerId)) await submitCashback(deps, id);
      return;
  }
}

const PAGE = 500;

/** Reads the log past the process's checkpoint, by event type, handling each event; resolves to how many. */
export async function catchUpCashbackProcess(deps: CashbackProcessDeps, maxPages = 20): Promise<number> {
  let from = await deps.checkpoint.read();
  let handled = 0;
  for (let page = 0; page < maxPages; page++) {
    const read = await deps.store.readAll({ from, filter: { eventTypes: CASHBACK_PROCESS_EVENTS }, maxCount: PAGE });
    for (const event of read.events) {
      await handleCashbackProcessEvent(deps, event);
      handled++;
    }
    if (comparePositions(read.next, from) > 0) {
      from = read.next;
      await deps.checkpoint.save(from);
    }
    if (read.isEnd) break;
  }
  return handled;
}
