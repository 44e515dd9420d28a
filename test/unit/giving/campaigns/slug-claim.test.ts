import { describe, it } from 'vitest';
import type { SlugClaimEvent } from '../../../../src/domain/giving/campaigns/events.js';
import { slugClaimDecider } from '../../../../src/domain/giving/campaigns/slug-claim.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const claimed: SlugClaimEvent = {
  type: 'CampaignSlugClaimed',
  data: { slug: 'des-arbres', campaignId: 'c1', programId: 'p1', claimedAt: now },
};
const released: SlugClaimEvent = {
  type: 'CampaignSlugReleased',
  data: { slug: 'des-arbres', campaignId: 'c1', releasedAt: now },
};

describe('campaign slug claim', () => {
  const { given } = spec(slugClaimDecider);
  const claim = (campaignId: string, programId = 'p1') => ({
    type: 'ClaimSlug' as const,
    data: { slug: 'des-arbres', campaignId, programId, now },
  });
  const release = (campaignId: string) => ({
    type: 'ReleaseSlug' as const,
    data: { slug: 'des-arbres', campaignId, now },
  });

  it('when a free slug is claimed, then CampaignSlugClaimed is recorded', () => {
    given([]).when(claim('c1')).then([claimed]);
  });
  it('when another campaign, of any program, holds it, then the claim is conflict_uniqueness', () => {
    given([claimed]).when(claim('c2', 'p2')).thenThrows('conflict_uniqueness');
  });
  it('when the same campaign claims it again (a retry), then nothing is recorded', () => {
    given([claimed]).when(claim('c1')).then([]);
  });
  it('when the holder releases it, then CampaignSlugReleased is recorded and another may claim it', () => {
    given([claimed]).when(release('c1')).then([released]);
    given([claimed, released])
      .when(claim('c2', 'p2'))
      .then([
        {
          type: 'CampaignSlugClaimed',
          data: { slug: 'des-arbres', campaignId: 'c2', programId: 'p2', claimedAt: now },
        },
      ]);
  });
  it('when someone else releases it, or it is free, then nothing is recorded', () => {
    given([claimed]).when(release('c2')).then([]);
    given([]).when(release('c1')).then([]);
  });
});
