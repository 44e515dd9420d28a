import { deciderFromNone, evolveFromNone, type Decider, type None, type NoneOr } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { RewardCompletedData, RewardEvent } from './events.js';

/** How progress is measured (flow 3.3): summed debits, a count, the mean of the counted purchases. */
export type ProgressRule = 'amount' | 'count' | 'average';

type Started = Extract<RewardEvent, { type: 'RewardStarted' }>['data'];
type Ids = Pick<Started, 'rewardId' | 'hubId' | 'programId' | 'customerId' | 'offerId' | 'occurrence'>;

export type RewardState = NoneOr<{
  readonly status: 'started' | 'completed' | 'refunded';
  readonly ids: Ids;
  /** Every counted transaction (or subscribing customer) id. */
  readonly counted: readonly string[];
  /** The purchase dates counted, for "once a day". */
  readonly dates: readonly string[];
  readonly sum: number;
  readonly value: number;
  readonly target: number;
  /** Set once completed. */
  readonly rewardValue: number | null;
  readonly cashbackId: string | null;
}>;

export interface Purchase {
  /** A transaction id, or the subscribing customer's id. */
  readonly countedId: string;
  /** `YYYY-MM-DD`, or null for a subscription (no day rule). */
  readonly purchaseDate: string | null;
  /** The debit's size in minor units (positive); 1 for a subscription. */
  readonly amount: number;
}

export interface CountPurchase {
  readonly type: 'CountPurchase';
  readonly data: Ids &
    Purchase & {
      readonly rule: ProgressRule;
      readonly target: number;
      readonly multipleOccurenceByDay: boolean;
      /** Dates counted by the customer's earlier occurrences of the offer. */
      readonly earlierDates: readonly string[];
      /**
       * How many purchases the occurrence had when the caller decided `mayComplete`: a state that moved since appends
       * nothing, and the caller decides again (another engine counted meanwhile).
       */
      readonly seen?: number;
      /** Whether the condition met may complete now (limits, capping); otherwise the purchase only counts. */
      readonly mayComplete: boolean;
      readonly completion: Pick<RewardCompletedData, 'rewardType' | 'rewardValue' | 'currency' | 'settlement'>;
      readonly now: string;
    };
}

export interface RefundReward {
  readonly type: 'RefundReward';
  readonly data: { readonly cashbackId: string; readonly now: string };
}

export type RewardCommand = CountPurchase | RefundReward;

/** The progress value after counting one more purchase of `amount`. */
export function progressOf(rule: ProgressRule, sum: number, count: number): number {
  if (rule === 'amount') return sum;
  if (rule === 'count') return count;
  return count === 0 ? 0 : Math.floor(sum / count);
}

const evolve = evolveFromNone<Exclude<RewardState, None>, RewardEvent, 'RewardStarted'>(
  'RewardStarted',
  ({ transactionId, purchaseDate, amount, value, target, startedAt: _, ...ids }) => ({
    status: 'started',
    ids: { ...ids },
    counted: [transactionId],
    dates: purchaseDate ? [purchaseDate] : [],
    sum: amount,
    value,
    target,
    rewardValue: null,
    cashbackId: null,
  }),
  {
    RewardProgressed: (state, { transactionId, purchaseDate, amount, value, target }) => {
      const dates = purchaseDate ? [...state.dates, purchaseDate] : state.dates;
      return { ...state, counted: [...state.counted, transactionId], dates, sum: state.sum + amount, value, target };
    },
    RewardCompleted: (state, { rewardValue }) => ({ ...state, status: 'completed', rewardValue }),
    RewardRefunded: (state, { cashbackId }) => ({ ...state, status: 'refunded', cashbackId }),
  },
);

/** Whether counting `purchase` is a no-op: counted already, a closed reward, or a day counted already. */
export function countsNothing(state: RewardState, command: CountPurchase['data']): boolean {
  if (state.status === 'completed' || state.status === 'refunded') return true;
  const { countedId, purchaseDate, multipleOccurenceByDay, earlierDates } = command;
  if (state.status === 'started' && state.counted.includes(countedId)) return true;
  if (multipleOccurenceByDay || purchaseDate === null) return false;
  return earlierDates.includes(purchaseDate) || (state.status === 'started' && state.dates.includes(purchaseDate));
}

/** Where a purchase would take the reward: its progress value and whether the condition is met. */
export function progressAfter(state: RewardState, command: CountPurchase['data']): { value: number; met: boolean } {
  const count = (state.status === 'none' ? 0 : state.counted.length) + 1;
  const sum = (state.status === 'none' ? 0 : state.sum) + command.amount;
  const value = progressOf(command.rule, sum, count);
  return { value, met: value >= command.target };
}

function counting(command: CountPurchase['data'], state: RewardState): RewardEvent[] {
  if (countsNothing(state, command)) return [];
  if (command.seen !== undefined && command.seen !== (state.status === 'none' ? 0 : state.counted.length)) return [];
  const { countedId: transactionId, purchaseDate, amount, target, now, mayComplete, completion } = command;
  const { rewardId, hubId, programId, customerId, offerId, occurrence } = command;
  const { value, met } = progressAfter(state, command);
  const counted: RewardEvent =
    state.status === 'none'
      ? {
          type: 'RewardStarted',
          data: {
            rewardId,
            hubId,
            programId,
            customerId,
            offerId,
            occurrence,
            transactionId,
            purchaseDate,
            amount,
            value,
            target,
            startedAt: now,
          },
        }
      : {
          type: 'RewardProgressed',
          data: { rewardId, transactionId, purchaseDate, amount, value, target, progressedAt: now },
        };
  if (!met || !mayComplete) return [counted];
  const ids = { rewardId, hubId, programId, customerId, offerId, occurrence };
  const purchase = purchaseDate === null ? {} : { transactionId };
  return [counted, { type: 'RewardCompleted', data: { ...ids, ...completion, ...purchase, completedAt: now } }];
}

function refunding(command: RefundReward['data'], state: RewardState): RewardEvent[] {
  if (state.status === 'none')
    throw new DomainError('not_found', 'reward not found', [{ field: 'rewardId', message: 'no such reward' }]);
  if (state.status === 'refunded') return [];
  if (state.status === 'started')
    throw refused('the reward is not completed', [{ field: 'rewardId', message: 'not completed' }]);
  return [
    {
      type: 'RewardRefunded',
      data: { rewardId: state.ids.rewardId, cashbackId: command.cashbackId, refundedAt: command.now },
    },
  ];
}

/** One occurrence of an offer for one customer: counts purchases once each, completes once, is refunded once. */
export const rewardDecider: Decider<RewardState, RewardCommand, RewardEvent> = deciderFromNone(
  evolve,
  (command, state) =>
    command.type === 'CountPurchase' ? counting(command.data, state) : refunding(command.data, state),
);
