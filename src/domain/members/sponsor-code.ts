import type { Decider } from '../shared/decider.js';
import { taken } from '../shared/errors.js';
import type { SponsorCodeEvent } from './events.js';

export type SponsorCodeState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly memberId: string };

export type SponsorCodeCommand = {
  readonly type: 'ClaimSponsorCode';
  readonly data: { readonly code: string; readonly memberId: string; readonly programId: string; readonly now: string };
};

/** A sponsor code belongs to one member of the program: its claim stream is created once. */
export const sponsorCodeDecider: Decider<SponsorCodeState, SponsorCodeCommand, SponsorCodeEvent> = {
  initialState: () => ({ status: 'free' }),
  evolve: (_state, event) => ({ status: 'claimed', memberId: event.data.memberId }),
  decide: (command, state) => {
    const { now, ...data } = command.data;
    if (state.status === 'claimed') {
      if (state.memberId === data.memberId) return [];
      throw taken('code_sponsor', 'this sponsor code is taken');
    }
    return [{ type: 'SponsorCodeClaimed', data: { ...data, claimedAt: now } }];
  },
};
