import { uniqueClaimDecider } from '../../shared/unique-claim.js';

/** A contact's email, unique within its program. */
export const contactEmailClaimDecider = uniqueClaimDecider({
  key: 'email',
  owner: 'contactId',
  claimed: 'ContactEmailClaimed',
  released: 'ContactEmailReleased',
  claim: 'ClaimContactEmail',
  release: 'ReleaseContactEmail',
  takenMessage: 'a contact with this email exists already',
});
