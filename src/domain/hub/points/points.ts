import type { Decider } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { PointsEvent } from './events.js';

export interface PointsState {
  readonly balance: number;
  readonly earned: number;
  readonly spent: number;
  /** Every entry recorded: an earning met again (a replay, a second engine) adds nothing. */
  readonly entryIds: readonly string[];
}

type Owner = { readonly customerId: string; readonly hubId: string; readonly programId: string; readonly now: string };
export type PointsCommand =
  | {
      readonly type: 'EarnPoints';
      readonly data: Owner & {
        readonly entryId: string;
        readonly value: number;
        readonly transactionId: string | null;
        readonly rewardId: string | null;
        readonly operationDate: string;
      };
    }
  | {
      readonly type: 'SpendPoints';
      readonly data: Owner & { readonly entryId: string; readonly value: number; readonly operationDate: string };
    };

function decide(command: PointsCommand, state: PointsState): PointsEvent[] {
  const { now, ...data } = command.data;
  if (state.entryIds.includes(data.entryId)) return [];
  if (command.type === 'EarnPoints') {
    const { entryId, customerId, hubId, programId, value, transactionId, rewardId, operationDate } = command.data;
    if (value <= 0) return [];
    return [
      {
        type: 'PointsEarned',
        data: { entryId, customerId, hubId, programId, value, transactionId, rewardId, operationDate },
      },
    ];
  }
  const { entryId, customerId, hubId, programId, value, operationDate } = command.data;
  if (!Number.isInteger(value) || value <= 0)
    throw new DomainError('invalid_request', 'a spend is a positive integer', [
      { field: 'value', message: 'must be > 0' },
    ]);
  if (value > state.balance)
    throw refused('not enough points', [
      { field: 'value', message: `the balance is ${String(state.balance)}`, code: 'insufficientBalance' },
    ]);
  return [{ type: 'PointsSpent', data: { entryId, customerId, hubId, programId, value, operationDate, spentAt: now } }];
}

/** The points ledger: earnings once each, spends decided against the balance at the stream's revision. */
export const pointsDecider: Decider<PointsState, PointsCommand, PointsEvent> = {
  initialState: () => ({ balance: 0, earned: 0, spent: 0, entryIds: [] }),
  evolve: (state, event) =>
    event.type === 'PointsEarned'
      ? {
          balance: state.balance + event.data.value,
          earned: state.earned + event.data.value,
          spent: state.spent,
          entryIds: [...state.entryIds, event.data.entryId],
        }
      : {
          balance: state.balance - event.data.value,
          earned: state.earned,
          spent: state.spent + event.data.value,
          entryIds: [...state.entryIds, event.data.entryId],
        },
  decide,
};
