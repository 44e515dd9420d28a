import type { Decider } from '../../shared/decider.js';
import { notFound } from '../../shared/errors.js';
import type { HubBankEvent } from './events.js';

export type HubBankState = { readonly associated: boolean };

type Target = { readonly hubId: string; readonly programId: string; readonly bankId: string; readonly now: string };
export type HubBankCommand =
  | { readonly type: 'AssociateBank'; readonly data: Target }
  | { readonly type: 'DissociateBank'; readonly data: Target };

function decide(command: HubBankCommand, state: HubBankState): HubBankEvent[] {
  const { hubId, programId, bankId, now } = command.data;
  if (command.type === 'AssociateBank') {
    // A PUT: associating a bank the hub holds already changes nothing.
    if (state.associated) return [];
    return [{ type: 'HubBankAssociated', data: { hubId, programId, bankId, associatedAt: now } }];
  }
  if (!state.associated) throw notFound('bank');
  return [{ type: 'HubBankDissociated', data: { hubId, programId, bankId, dissociatedAt: now } }];
}

/** Whether a hub offers a catalogue bank to its customers (flow 7.1); existing connections keep syncing. */
export const hubBankDecider: Decider<HubBankState, HubBankCommand, HubBankEvent> = {
  initialState: () => ({ associated: false }),
  evolve: (_state, event) => ({ associated: event.type === 'HubBankAssociated' }),
  decide,
};
