import { uniqueClaimDecider } from '../../shared/unique-claim.js';

/** A hub's host, unique across the whole platform (the public lookup finds the hub by it). */
export const hostClaimDecider = uniqueClaimDecider({
  key: 'host',
  owner: 'hubId',
  claimed: 'HubHostClaimed',
  released: 'HubHostReleased',
  claim: 'ClaimHost',
  release: 'ReleaseHost',
  takenMessage: 'this host already serves another hub',
});
