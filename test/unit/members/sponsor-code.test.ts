import { describe, it } from 'vitest';
import { sponsorCodeDecider } from '../../../src/domain/members/sponsor-code.js';
import { spec } from '../../support/decider.js';

describe('sponsor code claim', () => {
  const { given } = spec(sponsorCodeDecider);
  const now = '2027-01-31T10:00:00.000Z';
  const claim = (memberId: string) => ({
    type: 'ClaimSponsorCode' as const,
    data: { code: 'GOODSPONSORAB', memberId, programId: 'p1', now },
  });
  const claimed = {
    type: 'SponsorCodeClaimed' as const,
    data: { code: 'GOODSPONSORAB', memberId: 'm1', programId: 'p1', claimedAt: now },
  };

  it('when a free code is claimed, then it names the member', () => {
    given([]).when(claim('m1')).then([claimed]);
  });
  it('when another member claims it, then it is taken (conflict_uniqueness)', () => {
    given([claimed]).when(claim('m2')).thenThrows('conflict_uniqueness');
  });
  it('when the holder claims it again, then nothing is recorded', () => {
    given([claimed]).when(claim('m1')).then([]);
  });
});
