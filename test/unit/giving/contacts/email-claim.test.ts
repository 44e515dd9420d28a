import { describe, it } from 'vitest';
import { contactEmailClaimDecider } from '../../../../src/domain/giving/contacts/email-claim.js';
import type { ContactEmailClaimEvent } from '../../../../src/domain/giving/contacts/events.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const claimed: ContactEmailClaimEvent = {
  type: 'ContactEmailClaimed',
  data: { email: 'a@example.org', contactId: 'k1', programId: 'p1', claimedAt: now },
};
const released: ContactEmailClaimEvent = {
  type: 'ContactEmailReleased',
  data: { email: 'a@example.org', contactId: 'k1', releasedAt: now },
};
const claim = (contactId: string) => ({
  type: 'ClaimContactEmail' as const,
  data: { email: 'a@example.org', contactId, programId: 'p1', now },
});
const release = (contactId: string) => ({
  type: 'ReleaseContactEmail' as const,
  data: { email: 'a@example.org', contactId, now },
});

describe('contact email claim', () => {
  const { given } = spec(contactEmailClaimDecider);

  it('when the email is free, then the claim is recorded', () => {
    given([]).when(claim('k1')).then([claimed]);
  });
  it('when another contact holds it, then the claim is refused with conflict_uniqueness', () => {
    given([claimed]).when(claim('k2')).thenThrows('conflict_uniqueness');
  });
  it('when the same contact claims again (a retry), then nothing is recorded', () => {
    given([claimed]).when(claim('k1')).then([]);
  });
  it('when released by its holder, then the email is free again for another contact', () => {
    given([claimed]).when(release('k1')).then([released]);
    given([claimed, released])
      .when(claim('k2'))
      .then([{ ...claimed, data: { ...claimed.data, contactId: 'k2' } }]);
  });
  it('when released by another contact or when free, then nothing is recorded', () => {
    given([claimed]).when(release('k2')).then([]);
    given([]).when(release('k1')).then([]);
  });
});
