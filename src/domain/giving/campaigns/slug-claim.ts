import type { Decider } from '../../shared/decider.js';
import { taken } from '../../shared/errors.js';
import type { SlugClaimEvent } from './events.js';

export type SlugClaimState = { readonly status: 'free' } | { readonly status: 'claimed'; readonly campaignId: string };

export type SlugClaimCommand =
  | { readonly type: 'ClaimSlug'; readonly data: { readonly slug: string; readonly campaignId: string; readonly programId: string; readonly now: string } }
  | { readonly type: 'ReleaseSlug'; readonly data: { readonly slug: string; readonly campaignId: string; readonly now: string } };

export const slugClaimDecider: Decider<SlugClaimState, SlugClaimCommand, SlugClaimEvent> = {
  initialState: () => ({ status: 'free' }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'CampaignSlugClaimed':
        return { status: 'claimed', campaignId: event.data.campaignId };
      case 'CampaignSlugReleased':
        return { status: 'free' };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'ClaimSlug': {
        const { now, ...data } = command.data;
        if (state.status === 'claimed') {
          // The same campaign claiming again is a retry after a crash between the claim and the change.
          if (state.campaignId === data.campaignId) return [];
          throw taken('slug', 'this slug is already used by another campaign');
        }
        return [{ type: 'CampaignSlugClaimed', data: { ...data, claimedAt: now } }];
      }
      case 'ReleaseSlug': {
        const { now, ...data } = command.data;
        if (state.status !== 'claimed' || state.campaignId !== data.campaignId) return [];
        return [{ type: 'CampaignSlugReleased', data: { ...data, releasedAt: now } }];
      }
    }
  },
};
