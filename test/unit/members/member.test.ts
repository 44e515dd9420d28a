import { describe, it } from 'vitest';
import { emailClaimDecider } from '../../../src/domain/members/email-claim.js';
import type { MemberEvent } from '../../../src/domain/members/events.js';
import { memberDecider } from '../../../src/domain/members/member.js';
import { spec } from '../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const later = '2026-12-22T10:00:00.000Z';
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
  picture: null,
};
const digest = 'b'.repeat(64);

const registered: MemberEvent = {
  type: 'MemberRegistered',
  data: { memberId: 'm1', programId: 'p1', profile, passwordHash: 'scrypt$h', registeredAt: now },
};
const subscribed: MemberEvent = {
  type: 'MemberSubscribed',
  data: { memberId: 'm1', plan: 'M', amount: 1200, currency: 'EUR', causeId: 'c1', subscribedAt: now },
};
const signedIn: MemberEvent = {
  type: 'MemberSignedIn',
  data: { memberId: 'm1', sessionId: 's1', tokenDigest: digest, method: 'password', signedInAt: now },
};

describe('member', () => {
  const { given } = spec(memberDecider);

  describe('registering', () => {
    const register = {
      type: 'RegisterMember' as const,
      data: { memberId: 'm1', programId: 'p1', profile, passwordHash: 'scrypt$h', now },
    };
    it('when a member registers, then MemberRegistered is recorded with the hash, never a password', () => {
      given([]).when(register).then([registered]);
    });
    it('when the member is registered already, then registering again is a conflict', () => {
      given([registered]).when(register).thenThrows('conflict');
    });
  });

  describe('updating the profile', () => {
    it('when some fields change, then only those are recorded', () => {
      given([registered])
        .when({
          type: 'UpdateProfile',
          data: { changes: { city: 'Paris', zipcode: '75001', firstName: 'zaz' }, now: later },
        })
        .then([
          {
            type: 'MemberProfileUpdated',
            data: { memberId: 'm1', changes: { city: 'Paris', zipcode: '75001' }, updatedAt: later },
          },
        ]);
    });
    it('when nothing changes, then nothing is recorded', () => {
      given([registered])
        .when({ type: 'UpdateProfile', data: { changes: { city: 'Bordeaux' }, now: later } })
        .then([]);
    });
    it('when the member does not exist, then it is not_found', () => {
      given([])
        .when({ type: 'UpdateProfile', data: { changes: { city: 'Paris' }, now } })
        .thenThrows('not_found');
    });
  });

  describe('subscribing (M, Y) and stopping (X)', () => {
    it('when a member subscribes monthly with an amount and a cause, then MemberSubscribed is recorded', () => {
      given([registered])
        .when({ type: 'Subscribe', data: { plan: 'M', amount: 1200, currency: 'EUR', causeId: 'c1', now } })
        .then([subscribed]);
    });
    it('when no amount was ever given, then subscribing is refused', () => {
      given([registered])
        .when({ type: 'Subscribe', data: { plan: 'Y', amount: null, currency: 'EUR', causeId: 'c1', now } })
        .thenThrows('operation_refused');
    });
    it('when switching to yearly without a new amount, then the current amount and cause are kept', () => {
      given([registered, subscribed])
        .when({ type: 'Subscribe', data: { plan: 'Y', amount: null, currency: 'EUR', causeId: null, now: later } })
        .then([
          {
            type: 'MemberSubscribed',
            data: { memberId: 'm1', plan: 'Y', amount: 1200, currency: 'EUR', causeId: 'c1', subscribedAt: later },
          },
        ]);
    });
    it('when the same subscription is asked again, then nothing is recorded', () => {
      given([registered, subscribed])
        .when({ type: 'Subscribe', data: { plan: 'M', amount: 1200, currency: 'EUR', causeId: 'c1', now: later } })
        .then([]);
    });
    it('when a subscriber stops, then MemberSubscriptionStopped; when not subscribed, then nothing', () => {
      given([registered, subscribed])
        .when({ type: 'StopSubscription', data: { now: later } })
        .then([{ type: 'MemberSubscriptionStopped', data: { memberId: 'm1', stoppedAt: later } }]);
      given([registered])
        .when({ type: 'StopSubscription', data: { now: later } })
        .then([]);
    });
  });

  describe('sessions', () => {
    it('when a member signs in, then the session is recorded with the token digest only', () => {
      given([registered])
        .when({ type: 'SignIn', data: { sessionId: 's1', tokenDigest: digest, method: 'password', now } })
        .then([signedIn]);
    });
    it('when an open session signs out, then MemberSignedOut; a second sign-out records nothing', () => {
      const signOut = { type: 'SignOut' as const, data: { sessionId: 's1', now: later } };
      const signedOut: MemberEvent = {
        type: 'MemberSignedOut',
        data: { memberId: 'm1', sessionId: 's1', signedOutAt: later },
      };
      given([registered, signedIn]).when(signOut).then([signedOut]);
      given([registered, signedIn, signedOut]).when(signOut).then([]);
    });
  });
});

describe('email claim', () => {
  const { given } = spec(emailClaimDecider);
  const claim = (memberId: string) => ({
    type: 'ClaimEmail' as const,
    data: { email: 'zaz@example.org', memberId, programId: 'p1', now },
  });
  const claimed = {
    type: 'EmailClaimed' as const,
    data: { email: 'zaz@example.org', memberId: 'm1', programId: 'p1', claimedAt: now },
  };
  const released = {
    type: 'EmailReleased' as const,
    data: { email: 'zaz@example.org', memberId: 'm1', releasedAt: later },
  };

  it('when a free email is claimed, then EmailClaimed names the member', () => {
    given([]).when(claim('m1')).then([claimed]);
  });
  it('when another member claims a taken email, then it is refused as conflict_uniqueness', () => {
    given([claimed]).when(claim('m2')).thenThrows('conflict_uniqueness');
  });
  it('when the same member claims it again, then nothing new is recorded (a retry)', () => {
    given([claimed]).when(claim('m1')).then([]);
  });
  it('when the holder releases it, then another member may claim it; a stranger cannot release it', () => {
    given([claimed])
      .when({ type: 'ReleaseEmail', data: { email: 'zaz@example.org', memberId: 'm1', now: later } })
      .then([released]);
    given([claimed])
      .when({ type: 'ReleaseEmail', data: { email: 'zaz@example.org', memberId: 'm2', now: later } })
      .then([]);
    given([claimed, released])
      .when(claim('m2'))
      .then([{ ...claimed, data: { ...claimed.data, memberId: 'm2' } }]);
  });
});

describe('member: a profile PATCH', () => {
  const { given } = spec(memberDecider);
  it('when fields and a subscription change together, then both are recorded in order, the cause from the PATCH', () => {
    given([registered])
      .when({
        type: 'PatchMember',
        data: {
          changes: { city: 'Paris', causeId: 'c9' },
          subscribe: { plan: 'Y', amount: 9000, currency: 'EUR', causeId: null },
          now: later,
        },
      })
      .then([
        {
          type: 'MemberProfileUpdated',
          data: { memberId: 'm1', changes: { city: 'Paris', causeId: 'c9' }, updatedAt: later },
        },
        {
          type: 'MemberSubscribed',
          data: { memberId: 'm1', plan: 'Y', amount: 9000, currency: 'EUR', causeId: 'c9', subscribedAt: later },
        },
      ]);
  });
});
