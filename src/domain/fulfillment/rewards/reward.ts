import { deciderFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { notFound, refused, taken } from '../../shared/errors.js';
import { changedFields } from '../../shared/entity.js';
import { editEvents, evolveEdit } from '../edits.js';
import { emptyKeyed, keyedDelete, keyedGet, keyedHas, keyedSet, type Keyed } from '../keyed.js';
import { invalid, orderRefused } from '../refusals.js';
import type { RewardEvent, RewardFields, RewardStatus } from './events.js';

export type RewardState = NoneOr<{
  readonly status: 'listed';
  readonly sku: string;
  readonly fields: RewardFields;
  readonly rewardStatus: RewardStatus;
  /** Units still available to new orders; null: not stock-managed. */
  readonly stock: number | null;
  /** The orders holding a unit, and whether that unit was counted out of `stock`. */
  readonly reservations: Keyed<boolean>;
}>;

type Listed = Extract<RewardState, { status: 'listed' }>;

export type RewardCommand =
  | {
      readonly type: 'ListReward';
      readonly data: {
        readonly sku: string;
        readonly fields: RewardFields;
        readonly status: RewardStatus;
        readonly stockQuantity: number | null;
        /** The sandbox catalogue seeded at start: listing it again changes nothing. */
        readonly ifAbsent: boolean;
        readonly now: string;
      };
    }
  | {
      readonly type: 'UpdateReward';
      readonly data: { readonly changes: Partial<RewardFields>; readonly status?: RewardStatus; readonly now: string };
    }
  | { readonly type: 'Restock'; readonly data: { readonly quantity: number; readonly now: string } }
  | { readonly type: 'ReserveStock'; readonly data: { readonly orderId: string } }
  | { readonly type: 'ReleaseStock'; readonly data: { readonly orderId: string } };

/** A variable reward's range and a fixed one's face value must make sense together. */
export function checkDenomination(fields: RewardFields): void {
  if (fields.denominationType === 'fixed') {
    if (fields.faceValue === null || fields.faceValue <= 0)
      throw invalid('face_value', 'a fixed reward has a face_value');
    return;
  }
  const { minValue: min, maxValue: max } = fields;
  if (min === null || max === null || min <= 0 || max < min)
    throw invalid('max_value', 'a variable reward has 0 < min_value ≤ max_value');
}

function evolve(state: RewardState, event: RewardEvent): RewardState {
  if (event.type === 'CatalogRewardListed') {
    const { sku, fields, status, stockQuantity } = event.data;
    return {
      status: 'listed',
      sku,
      fields,
      rewardStatus: status,
      stock: stockQuantity,
      reservations: emptyKeyed<boolean>(),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CatalogRewardUpdated':
    case 'CatalogRewardStatusChanged':
      return evolveEdit(state, 'rewardStatus', event.data);
    case 'CatalogRewardRestocked':
      return { ...state, stock: (state.stock ?? 0) + event.data.quantity };
    case 'CatalogRewardStockReserved':
      return {
        ...state,
        stock: event.data.counted && state.stock !== null ? state.stock - 1 : state.stock,
        reservations: keyedSet(state.reservations, event.data.orderId, event.data.counted),
      };
    case 'CatalogRewardStockReleased': {
      const reservations = keyedDelete(state.reservations, event.data.orderId);
      return {
        ...state,
        stock: event.data.counted && state.stock !== null ? state.stock + 1 : state.stock,
        reservations,
      };
    }
  }
}

const listed = (state: RewardState): Listed => {
  if (state.status === 'none') throw notFound('reward');
  return state;
};

const REWARD_EDITS = { updated: 'CatalogRewardUpdated', statusChanged: 'CatalogRewardStatusChanged' } as const;

function update(state: Listed, data: Extract<RewardCommand, { type: 'UpdateReward' }>['data']): RewardEvent[] {
  const changes = changedFields(state.fields, data.changes);
  if (changes.currency !== undefined && changes.currency !== state.fields.currency)
    throw invalid('currency', 'the currency of a listed reward does not change');
  checkDenomination({ ...state.fields, ...changes });
  const edit = { changes, status: data.status, current: state.rewardStatus, now: data.now };
  return editEvents(REWARD_EDITS, { sku: state.sku }, edit);
}

function decide(command: RewardCommand, state: RewardState): RewardEvent[] {
  switch (command.type) {
    case 'ListReward': {
      const { sku, fields, status, stockQuantity, ifAbsent, now } = command.data;
      if (state.status === 'listed') {
        if (ifAbsent) return [];
        throw taken('sku', `a reward with sku ${sku} is listed already`);
      }
      checkDenomination(fields);
      if (stockQuantity !== null && stockQuantity < 0) throw invalid('stock_quantity', 'at least 0');
      return [{ type: 'CatalogRewardListed', data: { sku, fields, status, stockQuantity, listedAt: now } }];
    }
    case 'UpdateReward':
      return update(listed(state), command.data);
    case 'Restock': {
      const reward = listed(state);
      const { quantity, now } = command.data;
      if (quantity === 0) return [];
      if ((reward.stock ?? 0) + quantity < 0)
        throw refused(`only ${reward.stock ?? 0} units are available to remove (reserved units stay)`, [
          { field: 'quantity', message: 'more than the available stock' },
        ]);
      return [{ type: 'CatalogRewardRestocked', data: { sku: reward.sku, quantity, restockedAt: now } }];
    }
    case 'ReserveStock': {
      const reward = listed(state);
      const { orderId } = command.data;
      if (keyedHas(reward.reservations, orderId)) return [];
      if (reward.rewardStatus !== 'enabled')
        throw orderRefused('reward_unavailable', 'reward.sku', `the reward is ${reward.rewardStatus}`);
      if (reward.stock !== null && reward.stock <= 0)
        throw orderRefused('out_of_stock', 'reward.sku', 'no unit of this reward is left');
      return [
        { type: 'CatalogRewardStockReserved', data: { sku: reward.sku, orderId, counted: reward.stock !== null } },
      ];
    }
    case 'ReleaseStock': {
      const reward = listed(state);
      const counted = keyedGet(reward.reservations, command.data.orderId);
      if (counted === undefined) return [];
      return [
        { type: 'CatalogRewardStockReleased', data: { sku: reward.sku, orderId: command.data.orderId, counted } },
      ];
    }
  }
}

export const rewardDecider: Decider<RewardState, RewardCommand, RewardEvent> = deciderFromNone(evolve, decide);
