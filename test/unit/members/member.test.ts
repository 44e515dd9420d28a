import { describe, it } from 'vitest';
import { emailClaimDecider } from '../../../src/domain/members/email-claim.js';
import { memberDecider } from '../../../src/domain/members/member.js';
import { spec } from '../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const profile = {
  email: 'zaz@example.org',
  firstName: 'zaz',
  lastName: 'doe',
  city: 'Bordeaux',
  zipcode: '33300',
  codePartner: 'LABELTERRE',
  birthday: null,
  street: null,
  phone: null,
};

describe('member', () => {
  const { given } = spec(memberDecider);
  const register = { type: 'RegisterMember' as const, data: { memberId: 'm1', programId: 'p1', profile, passwordHash: 'scrypt$h', now } };
  const registered = { type: 'MemberRegistered' as const, data: { memberId: 'm1', programId: 'p1', profile, passwordHash: 'scrypt$h', registeredAt: now } };

  it('when a member registers, then MemberRegistered is recorded with the hash, never a password', () => {
    given([]).when(register).then([registered]);
  });

  it('when the member is registered already, then registering again is a conflict', () => {
    given([registered]).when(register).thenThrows('conflict');
  });
});

describe('email claim', () => {
  const { given } = spec(emailClaimDecider);
  const claim = (memberId: string) => ({ type: 'ClaimEmail' as const, data: { email: 'zaz@example.org', memberId, programId: 'p1', now } });
  const claimed = { type: 'EmailClaimed' as const, data: { email: 'zaz@example.org', memberId: 'm1', programId: 'p1', claimedAt: now } };

  it('when a free email is claimed, then EmailClaimed names the member', () => {
    given([]).when(claim('m1')).then([claimed]);
  });

  it('when another member claims a taken email, then it is refused as conflict_uniqueness', () => {
    given([claimed]).when(claim('m2')).thenThrows('conflict_uniqueness');
  });

  it('when the same member claims it again, then nothing new is recorded (a retry)', () => {
    given([claimed]).when(claim('m1')).then([]);
  });
});
