import { describe, it } from 'vitest';
import type { MemberEvent } from '../../../src/domain/members/events.js';
import { memberDecider, type MemberCommand } from '../../../src/domain/members/member.js';
import type { ChargeOutcome } from '../../../src/domain/members/subscription.js';
import { spec } from '../../support/decider.js';

/* The member decider's billing paths: the first charge, renewals, past due, plan changes, invitations. */

const now = '2027-01-31T10:00:00.000Z';
const profile = {
  email: 'zaz@example.org',
  firstName: 'zaz',
  lastName: 'doe',
  city: 'Bordeaux',
  zipcode: '33300',
  codePartner: null,
  birthday: null,
  street: null,
  phone: null,
  picture: null,
};
const registered: MemberEvent = {
  type: 'MemberRegistered',
  data: { memberId: 'm1', programId: 'p1', profile, passwordHash: 'scrypt$h', registeredAt: now },
};
const ok: ChargeOutcome = { status: 'succeeded', chargeId: 'ch_1' };
const declined: ChargeOutcome = { status: 'failed', code: 'card_declined', reason: 'Your card was declined.' };
const payment = (outcome: ChargeOutcome) => ({ outcome, causeSharePercent: 80, donationId: 'd1' });
const subscribe = (
  outcome: ChargeOutcome,
  extra: Partial<{ causeId: string | null; plan: 'M' | 'Y'; amount: number }> = {},
): MemberCommand => ({
  type: 'Subscribe',
  data: {
    plan: extra.plan ?? 'M',
    amount: extra.amount ?? 1200,
    currency: 'EUR',
    causeId: extra.causeId === undefined ? 'c1' : extra.causeId,
    payment: payment(outcome),
    now,
  },
});

const subscribed: MemberEvent = {
  type: 'MemberSubscribed',
  data: { memberId: 'm1', plan: 'M', amount: 1200, currency: 'EUR', causeId: 'c1', subscribedAt: now },
};
const firstCharge: MemberEvent = {
  type: 'SubscriptionCharged',
  data: {
    memberId: 'm1',
    donationId: 'd1',
    chargeId: 'ch_1',
    plan: 'M',
    periodStart: now,
    periodEnd: '2027-02-28T10:00:00.000Z',
    amount: 1200,
    donation: 960,
    currency: 'EUR',
    causeId: 'c1',
    chargedAt: now,
  },
};
const renewalAt = '2027-02-28T11:00:00.000Z';
const renew = (outcome: ChargeOutcome, periodStart = '2027-02-28T10:00:00.000Z', attempt = 0): MemberCommand => ({
  type: 'ChargePeriod',
  data: {
    periodStart,
    attempt,
    amount: 1200,
    currency: 'EUR',
    outcome,
    causeSharePercent: 80,
    donationId: 'd2',
    now: renewalAt,
  },
});
const renewed: MemberEvent = {
  type: 'SubscriptionCharged',
  data: {
    ...firstCharge.data,
    donationId: 'd2',
    chargeId: 'ch_2',
    periodStart: '2027-02-28T10:00:00.000Z',
    periodEnd: '2027-03-31T10:00:00.000Z',
    chargedAt: renewalAt,
  },
};
const renewalDeclined: MemberEvent = {
  type: 'SubscriptionChargeFailed',
  data: {
    memberId: 'm1',
    plan: 'M',
    periodStart: '2027-02-28T10:00:00.000Z',
    amount: 1200,
    currency: 'EUR',
    attempt: 0,
    code: 'card_declined',
    reason: 'Your card was declined.',
    failedAt: renewalAt,
  },
};

describe('member: subscribing with a payment', () => {
  const { given } = spec(memberDecider);
  it('when the first period is paid, then the subscription and the charge with its donation (80 %, rounded down) are recorded', () => {
    given([registered]).when(subscribe(ok)).then([subscribed, firstCharge]);
  });
  it('when the card is declined, then subscribing is refused and nothing is recorded', () => {
    given([registered]).when(subscribe(declined)).thenThrows('operation_refused');
  });
  it('when no cause is chosen, then subscribing with a payment is refused', () => {
    given([registered])
      .when(subscribe(ok, { causeId: null }))
      .thenThrows('operation_refused');
  });
  it('when already subscribed and the amount changes, then only the new terms are recorded, nothing is charged now', () => {
    given([registered, subscribed, firstCharge])
      .when(subscribe(ok, { amount: 2000 }))
      .then([{ type: 'MemberSubscribed', data: { ...subscribed.data, amount: 2000 } }]);
  });
  it('when the same terms are asked again, then nothing is recorded', () => {
    given([registered, subscribed, firstCharge]).when(subscribe(ok)).then([]);
  });
  it('when a PATCH changes the city, picks the cause and subscribes with a paid card, then all three are recorded in order', () => {
    const { data } = subscribe(ok, { causeId: null }) as Extract<MemberCommand, { type: 'Subscribe' }>;
    given([registered])
      .when({ type: 'PatchMember', data: { changes: { city: 'Paris', causeId: 'c1' }, subscribe: data, now } })
      .then([
        {
          type: 'MemberProfileUpdated',
          data: { memberId: 'm1', changes: { city: 'Paris', causeId: 'c1' }, updatedAt: now },
        },
        subscribed,
        firstCharge,
      ]);
  });
  it('when a stopped member subscribes again, then the new first period is charged', () => {
    const stopped: MemberEvent = { type: 'MemberSubscriptionStopped', data: { memberId: 'm1', stoppedAt: now } };
    given([registered, subscribed, firstCharge, stopped]).when(subscribe(ok)).then([subscribed, firstCharge]);
  });
});

describe('member: renewals', () => {
  const { given } = spec(memberDecider);
  it('when the due period is paid, then the charge is recorded with the next due date clamped to the month end', () => {
    given([registered, subscribed, firstCharge])
      .when(renew({ status: 'succeeded', chargeId: 'ch_2' }))
      .then([renewed]);
  });
  it('when the period was billed already (a second worker), then nothing is recorded', () => {
    given([registered, subscribed, firstCharge, renewed])
      .when(renew({ status: 'succeeded', chargeId: 'ch_2' }))
      .then([]);
  });
  it('when the renewal is declined, then the subscription is past due', () => {
    given([registered, subscribed, firstCharge]).when(renew(declined)).then([renewalDeclined]);
  });
  it('when a decline was recorded for that attempt already, then the same attempt records nothing; the next attempt is charged', () => {
    given([registered, subscribed, firstCharge, renewalDeclined]).when(renew(declined)).then([]);
    given([registered, subscribed, firstCharge, renewalDeclined])
      .when(renew({ status: 'succeeded', chargeId: 'ch_2' }, '2027-02-28T10:00:00.000Z', 1))
      .then([renewed]);
  });
  it('when the subscription was stopped or never billed here, then nothing is charged', () => {
    const stopped: MemberEvent = { type: 'MemberSubscriptionStopped', data: { memberId: 'm1', stoppedAt: now } };
    given([registered, subscribed, firstCharge, stopped])
      .when(renew({ status: 'succeeded', chargeId: 'ch_2' }))
      .then([]);
    given([registered, subscribed])
      .when(renew({ status: 'succeeded', chargeId: 'ch_2' }))
      .then([]);
  });
  it('when the plan changes to yearly, then the paid month is kept and the yearly period starts when it ends', () => {
    const yearly: MemberEvent = {
      type: 'MemberSubscribed',
      data: { ...subscribed.data, plan: 'Y', amount: 9000, subscribedAt: '2027-02-10T10:00:00.000Z' },
    };
    const charge = {
      type: 'ChargePeriod' as const,
      data: { ...(renew({ status: 'succeeded', chargeId: 'ch_y' }) as { data: object }).data, amount: 9000 },
    } as MemberCommand;
    given([registered, subscribed, firstCharge, yearly])
      .when(charge)
      .then([
        {
          type: 'SubscriptionCharged',
          data: {
            ...renewed.data,
            chargeId: 'ch_y',
            plan: 'Y',
            amount: 9000,
            donation: 7200,
            periodEnd: '2028-02-28T10:00:00.000Z',
          },
        },
      ]);
  });
});

describe('member: invitations', () => {
  const { given } = spec(memberDecider);
  const contact = { email: null, firstName: 'Allan', lastName: 'Floury', city: 'Bordeaux', phone: '0102030405' };
  it('when contacts are given, then they are recorded; none, then nothing', () => {
    given([registered])
      .when({ type: 'RecordContacts', data: { contacts: [contact], now } })
      .then([{ type: 'ContactsRecorded', data: { memberId: 'm1', contacts: [contact], recordedAt: now } }]);
    given([registered])
      .when({ type: 'RecordContacts', data: { contacts: [], now } })
      .then([]);
  });
  it('when a sponsor code is issued, then once: a member holding one gets nothing new', () => {
    const issued: MemberEvent = {
      type: 'SponsorCodeIssued',
      data: { memberId: 'm1', code: 'GOODSPONSORAB', issuedAt: now },
    };
    given([registered])
      .when({ type: 'IssueSponsorCode', data: { code: 'GOODSPONSORAB', now } })
      .then([issued]);
    given([registered, issued])
      .when({ type: 'IssueSponsorCode', data: { code: 'GOODSPONSORCD', now } })
      .then([]);
  });
  it('when the member does not exist, then recording contacts is not_found', () => {
    given([])
      .when({ type: 'RecordContacts', data: { contacts: [contact], now } })
      .thenThrows('not_found');
  });
});
