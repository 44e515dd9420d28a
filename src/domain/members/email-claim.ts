import type { Decider } from '../shared/decider.js';
import { taken } from '../shared/errors.js';
import type { EmailClaimEvent } from './events.js';

export type EmailClaimState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly memberId: string };

export type EmailClaimCommand =
  | { readonly type: 'ClaimEmail'; readonly data: { readonly email: string; readonly memberId: string; readonly programId: string; readonly now: string } }
  | { readonly type: 'ReleaseEmail'; readonly data: { readonly email: string; readonly memberId: string; readonly now: string } };

export const emailClaimDecider: Decider<EmailClaimState, EmailClaimCommand, EmailClaimEvent> = {
  initialState: () => ({ status: 'free' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'EmailClaimed':
        return { status: 'claimed', memberId: event.data.memberId };
      case 'EmailReleased':
        return { status: 'free' };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'ClaimEmail': {
        const { now, ...data } = command.data;
        if (state.status === 'claimed') {
          // The same member claiming again is a retry after a crash between the claim and the registration.
          if (state.memberId === data.memberId) return [];
          throw taken('email', 'this email is already registered');
        }
        return [{ type: 'EmailClaimed', data: { ...data, claimedAt: now } }];
      }
      case 'ReleaseEmail': {
        const { now, ...data } = command.data;
        if (state.status !== 'claimed' || state.memberId !== data.memberId) return [];
        return [{ type: 'EmailReleased', data: { ...data, releasedAt: now } }];
      }
    }
  },
};
