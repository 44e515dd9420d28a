import type { Decider } from '../../shared/decider.js';
import { notFound } from '../../shared/errors.js';
import type { HubBankEvent } from './events.js';

export type HubBankState = {
  readonly associated: boolean;
  /** The bank's status as the hub last heard it, null when unknown (an association recorded without it). */
  readonly notifiedActive: boolean | null;
};

type Target = { readonly hubId: string; readonly programId: string; readonly bankId: string; readonly now: string };
export type HubBankCommand =
  | { readonly type: 'AssociateBank'; readonly data: Target & { readonly bankActive: boolean } }
  | { readonly type: 'DissociateBank'; readonly data: Target }
  /** The catalogue bank's status is `active`: told to the hub when it holds the bank and heard otherwise. */
  | { readonly type: 'NotifyBankStatus'; readonly data: Target & { readonly active: boolean } };

function evolve(state: HubBankState, event: HubBankEvent): HubBankState {
  switch (event.type) {
    case 'HubBankAssociated':
      return { associated: true, notifiedActive: event.data.bankActive ?? null };
    case 'HubBankDissociated':
      return { ...state, associated: false };
    case 'HubBankStatusNotified':
      return { ...state, notifiedActive: event.data.active };
  }
}

function decide(command: HubBankCommand, state: HubBankState): HubBankEvent[] {
  const { hubId, programId, bankId, now } = command.data;
  switch (command.type) {
    case 'AssociateBank': {
      // A PUT: associating a bank the hub holds already changes nothing.
      if (state.associated) return [];
      const { bankActive } = command.data;
      return [{ type: 'HubBankAssociated', data: { hubId, programId, bankId, bankActive, associatedAt: now } }];
    }
    case 'DissociateBank':
      if (!state.associated) throw notFound('bank');
      return [{ type: 'HubBankDissociated', data: { hubId, programId, bankId, dissociatedAt: now } }];
    case 'NotifyBankStatus': {
      // A fan-out run again after a crash tells each hub once; a hub that let the bank go hears nothing.
      const { active } = command.data;
      if (!state.associated || state.notifiedActive === active) return [];
      return [{ type: 'HubBankStatusNotified', data: { hubId, programId, bankId, active, notifiedAt: now } }];
    }
  }
}

/** Whether a hub offers a catalogue bank to its customers (flow 7.1), and what it was told of the bank (7.2). */
export const hubBankDecider: Decider<HubBankState, HubBankCommand, HubBankEvent> = {
  initialState: () => ({ associated: false, notifiedActive: null }),
  evolve,
  decide,
};
