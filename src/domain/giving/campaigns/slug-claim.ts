import { uniqueClaimDecider } from '../../shared/unique-claim.js';

/** A campaign's slug, unique across the whole platform. */
export const slugClaimDecider = uniqueClaimDecider({
  key: 'slug',
  owner: 'campaignId',
  claimed: 'CampaignSlugClaimed',
  released: 'CampaignSlugReleased',
  claim: 'ClaimSlug',
  release: 'ReleaseSlug',
  takenMessage: 'this slug is already used by another campaign',
});
