import { deciderFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { refused } from '../../shared/errors.js';
import { changedFields, existingIn } from '../../shared/entity.js';
import { editEvents, evolveEdit } from '../edits.js';
import { emptyKeyed, keyedDelete, keyedGet, keyedHas, keyedSet, type Keyed } from '../keyed.js';
import { invalid, orderRefused } from '../refusals.js';
import { allowUsers, disallowUser, evolveAccess, issueTokens, type AccessCommand } from './access.js';
import type { PromotionEvent, PromotionFields, PromotionStatus } from './events.js';

export type PromotionState = NoneOr<{
  readonly status: 'created';
  readonly promotionId: string;
  readonly programId: string;
  readonly fields: PromotionFields;
  readonly promotionStatus: PromotionStatus;
  /** Budget held per order (reserved, or spent once delivered): their sum never exceeds the budget. */
  readonly held: Keyed<number>;
  readonly heldTotal: number;
  /** Token digest → its last 4 characters. */
  readonly tokens: Readonly<Record<string, string>>;
  /** Empty: any well-formed user id may redeem. */
  readonly allowedUsers: readonly string[];
}>;
export type CreatedPromotion = Extract<PromotionState, { status: 'created' }>;

export type PromotionChanges = Partial<Omit<PromotionFields, 'currency'>>;

export type PromotionCommand =
  | {
      readonly type: 'CreatePromotion';
      readonly data: {
        readonly promotionId: string;
        readonly programId: string;
        readonly fields: PromotionFields;
        readonly status: PromotionStatus;
        readonly now: string;
      };
    }
  | {
      readonly type: 'UpdatePromotion';
      readonly data: {
        readonly programId: string;
        readonly changes: PromotionChanges;
        readonly status?: PromotionStatus;
        readonly now: string;
      };
    }
  | {
      readonly type: 'ReserveBudget';
      readonly data: {
        readonly programId: string;
        readonly orderId: string;
        readonly sku: string;
        readonly amount: number;
        /** The order's currency, when the caller has not checked it against the promotion's. */
        readonly currency?: string;
        readonly now: string;
      };
    }
  | { readonly type: 'ReleaseBudget'; readonly data: { readonly orderId: string } }
  | AccessCommand;

/** pending before the start, ready between, ended after the end (ISO texts in UTC compare as times). */
export function promotionState(fields: Pick<PromotionFields, 'startDatetime' | 'endDatetime'>, now: string) {
  if (now < fields.startDatetime) return 'pending' as const;
  if (now >= fields.endDatetime) return 'ended' as const;
  return 'ready' as const;
}

function checkFields(fields: Pick<PromotionFields, 'startDatetime' | 'endDatetime' | 'budget'>): void {
  if (fields.endDatetime <= fields.startDatetime) throw invalid('end_datetime', 'after start_datetime');
  if (fields.budget < 0) throw invalid('budget.amount', 'at least 0');
}

function evolve(state: PromotionState, event: PromotionEvent): PromotionState {
  if (event.type === 'PromotionCreated') {
    const { promotionId, programId, fields, status } = event.data;
    const access = { tokens: {}, allowedUsers: [] };
    return {
      status: 'created',
      promotionId,
      programId,
      fields,
      promotionStatus: status,
      held: emptyKeyed<number>(),
      heldTotal: 0,
      ...access,
    };
  }
  if (state.status === 'none') return state;
  const accessChanged = evolveAccess(state, event);
  if (accessChanged) return accessChanged;
  switch (event.type) {
    case 'PromotionUpdated':
    case 'PromotionStatusChanged':
      return evolveEdit(state, 'promotionStatus', event.data);
    case 'PromotionBudgetReserved':
      return {
        ...state,
        held: keyedSet(state.held, event.data.orderId, event.data.amount),
        heldTotal: state.heldTotal + event.data.amount,
      };
    case 'PromotionBudgetReleased': {
      const held = keyedDelete(state.held, event.data.orderId);
      return { ...state, held, heldTotal: state.heldTotal - event.data.amount };
    }
    default:
      return state;
  }
}

/** Another program's promotion does not exist for this one. */
export function ownPromotion(state: PromotionState, programId: string): CreatedPromotion {
  return existingIn(state, programId, 'promotion');
}

function reserve(state: CreatedPromotion, data: Extract<PromotionCommand, { type: 'ReserveBudget' }>['data']) {
  if (keyedHas(state.held, data.orderId)) return [];
  if (data.currency !== undefined && data.currency !== state.fields.currency)
    throw invalid('reward.value.currency', `the promotion is in ${state.fields.currency}`);
  if (state.promotionStatus !== 'enabled' || promotionState(state.fields, data.now) !== 'ready')
    throw orderRefused('promotion_not_ready', 'promotion_id', 'the promotion is not enabled and running');
  const offered = state.fields.rewards.find((r) => r.sku === data.sku);
  if (!offered || offered.status !== 'enabled')
    throw orderRefused('reward_unavailable', 'reward.sku', 'the promotion does not offer this reward now');
  if (state.heldTotal + data.amount > state.fields.budget)
    throw orderRefused('budget_exceeded', 'reward.value', 'the promotion budget remaining is below the value');
  const event: PromotionEvent = {
    type: 'PromotionBudgetReserved',
    data: { promotionId: state.promotionId, orderId: data.orderId, amount: data.amount, sku: data.sku },
  };
  return [event];
}

const PROMOTION_EDITS = { updated: 'PromotionUpdated', statusChanged: 'PromotionStatusChanged' } as const;

function update(state: CreatedPromotion, data: Extract<PromotionCommand, { type: 'UpdatePromotion' }>['data']) {
  const changes: PromotionChanges = changedFields(state.fields, data.changes);
  const after = { ...state.fields, ...changes };
  checkFields(after);
  if (after.budget < state.heldTotal)
    throw refused('the budget cannot go below what is reserved and spent', [
      { field: 'budget.amount', message: 'below budget_reserved + budget_spent' },
    ]);
  const edit = { changes, status: data.status, current: state.promotionStatus, now: data.now };
  return editEvents(PROMOTION_EDITS, { promotionId: state.promotionId }, edit);
}

function decide(command: PromotionCommand, state: PromotionState): PromotionEvent[] {
  switch (command.type) {
    case 'CreatePromotion': {
      if (state.status === 'created') return [];
      checkFields(command.data.fields);
      const { promotionId, programId, fields, status, now } = command.data;
      return [{ type: 'PromotionCreated', data: { promotionId, programId, fields, status, createdAt: now } }];
    }
    case 'UpdatePromotion':
      return update(ownPromotion(state, command.data.programId), command.data);
    case 'ReserveBudget':
      return reserve(ownPromotion(state, command.data.programId), command.data);
    case 'IssueTokens':
      return issueTokens(ownPromotion(state, command.data.programId), command.data);
    case 'AllowUsers':
      return allowUsers(ownPromotion(state, command.data.programId), command.data);
    case 'DisallowUser':
      return disallowUser(ownPromotion(state, command.data.programId), command.data);
    case 'ReleaseBudget': {
      if (state.status === 'none') return [];
      const amount = keyedGet(state.held, command.data.orderId);
      if (amount === undefined) return [];
      return [
        {
          type: 'PromotionBudgetReleased',
          data: { promotionId: state.promotionId, orderId: command.data.orderId, amount },
        },
      ];
    }
  }
}

export const promotionDecider: Decider<PromotionState, PromotionCommand, PromotionEvent> = deciderFromNone(
  evolve,
  decide,
);
