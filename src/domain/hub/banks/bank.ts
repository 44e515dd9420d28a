import { deciderFromNone, evolveFromNone, type Decider, type None, type NoneOr } from '../../shared/decider.js';
import { changedFields, updatedEvents } from '../../shared/entity.js';
import { DomainError, notFound } from '../../shared/errors.js';
import type { BankEvent, BankFields } from './events.js';

export type BankState = NoneOr<{
  readonly status: 'listed';
  readonly bankId: string;
  readonly fields: BankFields;
  readonly active: boolean;
}>;

type Now = { readonly now: string };
export type BankCommand =
  | { readonly type: 'AddBank'; readonly data: { bankId: string; fields: BankFields; active: boolean } & Now }
  | {
      readonly type: 'UpdateBank';
      readonly data: { changes: Partial<BankFields>; active?: boolean | undefined } & Now;
    };

const evolve = evolveFromNone<Exclude<BankState, None>, BankEvent, 'BankAdded'>(
  'BankAdded',
  ({ bankId, fields, active }) => ({ status: 'listed', bankId, fields, active }),
  {
    BankUpdated: (state, { changes }) => ({ ...state, fields: { ...state.fields, ...changes } }),
    BankStatusChanged: (state, { active }) => ({ ...state, active }),
  },
);

function decide(command: BankCommand, state: BankState): BankEvent[] {
  const { now } = command.data;
  if (command.type === 'AddBank') {
    if (state.status !== 'none') throw new DomainError('conflict', 'this bank is already in the catalogue');
    const { bankId, fields, active } = command.data;
    return [{ type: 'BankAdded', data: { bankId, fields, active, addedAt: now } }];
  }
  if (state.status === 'none') throw notFound('bank');
  const changes = changedFields(state.fields, command.data.changes);
  const events: BankEvent[] = updatedEvents('BankUpdated', { bankId: state.bankId }, changes, now);
  const { active } = command.data;
  if (active !== undefined && active !== state.active)
    events.push({ type: 'BankStatusChanged', data: { bankId: state.bankId, active, changedAt: now } });
  return events;
}

/** A catalogue bank: operators add it, change it, switch it on and off (flow 7.2). */
export const bankDecider: Decider<BankState, BankCommand, BankEvent> = deciderFromNone(evolve, decide);
