import type { Decider } from '../../shared/decider.js';
import { taken } from '../../shared/errors.js';
import type { ContactEmailClaimEvent } from './events.js';

export type ContactEmailClaimState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly contactId: string };

export type ContactEmailClaimCommand =
  | { readonly type: 'ClaimContactEmail'; readonly data: { readonly email: string; readonly contactId: string; readonly programId: string; readonly now: string } }
  | { readonly type: 'ReleaseContactEmail'; readonly data: { readonly email: string; readonly contactId: string; readonly now: string } };

export const contactEmailClaimDecider: Decider<ContactEmailClaimState, ContactEmailClaimCommand, ContactEmailClaimEvent> = {
  initialState: () => ({ status: 'free' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ContactEmailClaimed':
        return { status: 'claimed', contactId: event.data.contactId };
      case 'ContactEmailReleased':
        return { status: 'free' };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'ClaimContactEmail': {
        const { now, ...data } = command.data;
        if (state.status === 'claimed') {
          // The same contact claiming again is a retry after a crash between the claim and the contact.
          if (state.contactId === data.contactId) return [];
          throw taken('email', 'a contact with this email exists already');
        }
        return [{ type: 'ContactEmailClaimed', data: { ...data, claimedAt: now } }];
      }
      case 'ReleaseContactEmail': {
        const { now, ...data } = command.data;
        if (state.status !== 'claimed' || state.contactId !== data.contactId) return [];
        return [{ type: 'ContactEmailReleased', data: { ...data, releasedAt: now } }];
      }
    }
  },
};
