import { uniqueClaimDecider } from '../shared/unique-claim.js';

/** A member's email, unique within its program. */
export const emailClaimDecider = uniqueClaimDecider({
  key: 'email',
  owner: 'memberId',
  claimed: 'EmailClaimed',
  released: 'EmailReleased',
  claim: 'ClaimEmail',
  release: 'ReleaseEmail',
  takenMessage: 'this email is already registered',
});
