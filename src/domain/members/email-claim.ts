import type { Decider } from '../shared/decider.js';
import { taken } from '../shared/errors.js';
import type { EmailClaimEvent } from './events.js';

export type EmailClaimState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly memberId: string };

export type EmailClaimCommand = {
  readonly type: 'ClaimEmail';
  readonly data: { readonly email: string; readonly memberId: string; readonly programId: string; readonly now: string };
};

export const emailClaimDecider: Decider<EmailClaimState, EmailClaimCommand, EmailClaimEvent> = {
  initialState: () => ({ status: 'free' }),
  evolve: (_state, event) => ({ status: 'claimed', memberId: event.data.memberId }),
  decide: (command, state) => {
    if (state.status === 'claimed') {
      // The same member claiming again is a retry after a crash between the claim and the registration.
      if (state.memberId === command.data.memberId) return [];
      throw taken('email', 'this email is already registered');
    }
    const { now, ...data } = command.data;
    return [{ type: 'EmailClaimed', data: { ...data, claimedAt: now } }];
  },
};
