import { describe, expect, it } from 'vitest';
import { presentMember, statusText, type ProfileExtras } from '../../../src/http/members/members/present.js';
import type { MemberRow } from '../../../src/projections/members/queries.js';

const member: MemberRow = {
  id: 'm1',
  programId: 'p1',
  email: 'fred@example.org',
  firstName: 'Fred',
  lastName: 'Pétris',
  city: 'Bordeaux',
  zipcode: '33300',
  street: null,
  phone: null,
  birthday: null,
  codePartner: 'GIFT3MONTH',
  picture: null,
  causeId: 'c3',
  subscription: 'M',
  amount: 1200,
  currency: 'EUR',
  subscribedSince: new Date('2017-03-16T15:48:07.000Z'),
  ambassador: false,
  trialDone: false,
  pastDue: false,
  pastDueSince: null,
  nextDueAt: new Date('2017-04-16T15:48:07.000Z'),
  codePartnerSince: new Date('2017-03-16T15:48:07.000Z'),
  nbContacts: 0,
  sponsorCode: null,
  registeredAt: new Date('2017-03-16T15:48:07.000Z'),
  version: 3,
};

const extras: ProfileExtras = {
  isMember: true,
  cause: { id: 'c3', name: 'Ecolo Info', city: 'National', picture: 'p.jpg', logo: 'l.jpg' },
  causeTotal: 3214,
  donations: [
    {
      id: 'd1',
      causeId: 'c3',
      plan: 'M',
      amount: 1200,
      donation: 960,
      currency: 'EUR',
      createdAt: new Date('2017-03-16T15:49:28.000Z'),
    },
  ],
  causeNames: new Map([['c3', 'Ecolo Info']]),
  partner: {
    partnerName: 'Cforgood',
    trialMonths: 0,
    giftMonths: 3,
    trialEnd: null,
    giftEnd: new Date('2017-06-16T15:48:07.000Z'),
  },
  usesWithoutFeedback: [
    {
      id: 'u1',
      perkName: 'Un cookie offert',
      businessName: 'Label Terre',
      createdAt: new Date('2017-02-06T09:27:36.000Z'),
    },
  ],
};

describe('the member profile', () => {
  it('when the catalogue knows the cause, then cause_attributes carry its name, pictures and the program-wide total', () => {
    const shown = presentMember(member, extras);
    expect(shown.cause_attributes).toEqual({
      id: 'c3',
      name: 'Ecolo Info',
      city: 'National',
      picture: 'p.jpg',
      logo: 'l.jpg',
      total_donation: '32.14',
    });
    expect(shown.donation_attributes).toEqual([
      {
        cause_name: 'Ecolo Info',
        created_at: '2017-03-16T15:49:28.000Z',
        subscription: 'M',
        amount: '12.00',
        donation: '9.60',
        currency: 'EUR',
      },
    ]);
    expect(shown.gift_attributes).toEqual({
      nb_month_beneficiary: 3,
      date_end_gift: '2017-06-16T15:48:07.000Z',
      partner_name: 'Cforgood',
    });
    expect(shown.trial_attributes).toBeNull();
    expect(shown.uses_without_feedback).toEqual([
      { id: 'u1', perk_name: 'Un cookie offert', business_name: 'Label Terre', created_at: '2017-02-06T09:27:36.000Z' },
    ]);
    expect(shown.status).toBe('Abonné depuis le 16 mars 2017');
  });

  it('when the catalogue does not know the cause yet, then only its id and total are shown', () => {
    const shown = presentMember(member, { ...extras, cause: undefined, causeNames: new Map() });
    expect(shown.cause_attributes).toEqual({ id: 'c3', total_donation: '32.14' });
    expect(shown.donation_attributes[0]?.cause_name).toBeNull();
  });

  it('when the renewal was declined, then the status says the payment is late; without a subscription, "Non abonné"', () => {
    expect(statusText({ ...member, pastDue: true, pastDueSince: new Date('2017-04-16T15:48:07.000Z') })).toBe(
      'Paiement en retard depuis le 16 avril 2017',
    );
    expect(statusText({ ...member, subscription: null, subscribedSince: null })).toBe('Non abonné');
    expect(presentMember({ ...member, pastDue: true }).member).toBe(false);
  });
});
