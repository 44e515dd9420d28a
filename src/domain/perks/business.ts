import { deciderFromNone, evolveFromNone, type Decider, type NoneOr, type ProgramCommand } from '../shared/decider.js';
import { DomainError, notFound } from '../shared/errors.js';
import { changedFields, createdOnce, existingIn, updatedEvents } from '../shared/entity.js';
import type { AddressFields, BusinessEvent, BusinessFields } from './events.js';

export type BusinessState = NoneOr<{
  readonly status: 'exists';
  readonly businessId: string;
  readonly programId: string;
  readonly fields: BusinessFields;
  readonly addresses: ReadonlyMap<string, AddressFields>;
}>;

/** Every command but creation names the caller's program: another program's business does not exist for it. */
export type BusinessCommand =
  | ProgramCommand<'CreateBusiness', { readonly businessId: string; readonly fields: BusinessFields }>
  | ProgramCommand<'UpdateBusiness', { readonly changes: Partial<BusinessFields> }>
  | ProgramCommand<'AddAddress', { readonly addressId: string; readonly address: AddressFields }>
  | ProgramCommand<'UpdateAddress', { readonly addressId: string; readonly changes: Partial<AddressFields> }>;

type Existing = Extract<BusinessState, { status: 'exists' }>;

const evolve = evolveFromNone<Existing, BusinessEvent, 'BusinessCreated'>(
  'BusinessCreated',
  ({ businessId, programId, fields }) => ({ status: 'exists', businessId, programId, fields, addresses: new Map() }),
  {
    BusinessUpdated: (state, { changes }) => ({ ...state, fields: { ...state.fields, ...changes } }),
    BusinessAddressAdded: (state, { addressId, address }) => ({
      ...state,
      addresses: new Map([...state.addresses, [addressId, address]]),
    }),
    BusinessAddressUpdated: (state, { addressId, changes }) => {
      const current = state.addresses.get(addressId);
      if (!current) return state;
      return { ...state, addresses: new Map([...state.addresses, [addressId, { ...current, ...changes }]]) };
    },
  },
);

function decideFor(command: Exclude<BusinessCommand, { type: 'CreateBusiness' }>, state: Existing): BusinessEvent[] {
  const { businessId } = state;
  switch (command.type) {
    case 'UpdateBusiness': {
      const changes = changedFields(state.fields, command.data.changes);
      return updatedEvents('BusinessUpdated', { businessId }, changes, command.data.now);
    }
    case 'AddAddress': {
      const { addressId, address, now } = command.data;
      if (state.addresses.has(addressId)) throw new DomainError('conflict', 'the address exists already');
      return [{ type: 'BusinessAddressAdded', data: { businessId, addressId, address, addedAt: now } }];
    }
    case 'UpdateAddress': {
      const { addressId, now } = command.data;
      const current = state.addresses.get(addressId);
      if (!current) throw notFound('address');
      const changes = changedFields(current, command.data.changes);
      return updatedEvents('BusinessAddressUpdated', { businessId, addressId }, changes, now);
    }
  }
}

function decide(command: BusinessCommand, state: BusinessState): BusinessEvent[] {
  if (command.type === 'CreateBusiness') {
    return createdOnce(state.status !== 'none', 'business', 'BusinessCreated', command.data);
  }
  return decideFor(command, existingIn(state, command.data.programId, 'business'));
}

export const businessDecider: Decider<BusinessState, BusinessCommand, BusinessEvent> = deciderFromNone(evolve, decide);
