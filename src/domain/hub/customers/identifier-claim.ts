import { uniqueClaimDecider } from '../../shared/unique-claim.js';

/** An email, phone or external id in a hub: one live customer holds it. */
export const identifierClaimDecider = uniqueClaimDecider({
  key: 'digest',
  owner: 'customerId',
  claimed: 'CustomerIdentifierClaimed',
  released: 'CustomerIdentifierReleased',
  claim: 'ClaimIdentifier',
  release: 'ReleaseIdentifier',
  takenMessage: 'a customer of this hub already has it',
});
