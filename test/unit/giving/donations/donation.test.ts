import { describe, expect, it } from 'vitest';
import {
  assertRefundable,
  donationDecider,
  type RecordDonationData,
} from '../../../../src/domain/giving/donations/donation.js';
import type { DonationEvent } from '../../../../src/domain/giving/donations/events.js';
import { fold } from '../../../../src/domain/shared/decider.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { spec } from '../../../support/decider.js';

const now = '2026-11-22T10:00:00.000Z';
const later = '2026-11-23T10:00:00.000Z';
const supporter = {
  firstName: 'Camille',
  lastName: 'Durand',
  email: 'camille@example.org',
  phone: null,
  address: null,
};

const record: RecordDonationData = {
  donationId: 'd1',
  programId: 'p1',
  campaignId: 'c1',
  campaign: { programId: 'p1', archived: false, currency: 'EUR' },
  programCurrency: 'EUR',
  fees: { basisPoints: 290, fixed: 30 },
  gift: 5000,
  currency: 'EUR',
  method: 'card',
  coverFee: true,
  paymentStatus: 'succeeded',
  chargeId: 'ch_1',
  supporter,
  lineItems: [],
  defaultLineItemId: 'li1',
  utm: null,
  givingSpace: null,
  planId: null,
  teamId: null,
  userId: null,
  now,
};

const recorded: DonationEvent = {
  type: 'DonationRecorded',
  data: {
    donationId: 'd1',
    programId: 'p1',
    campaignId: 'c1',
    planId: null,
    teamId: null,
    userId: null,
    supporter,
    method: 'card',
    status: 'succeeded',
    coverFee: true,
    amount: 5175,
    fee: 175,
    feeCovered: 175,
    donated: 5000,
    payout: 5000,
    currency: 'EUR',
    chargeId: 'ch_1',
    lineItems: [{ id: 'li1', type: 'donation', name: 'Donation', quantity: 1, amount: 5000 }],
    utm: null,
    givingSpace: null,
    recordedAt: now,
  },
};
const refunded: DonationEvent = {
  type: 'DonationRefunded',
  data: { donationId: 'd1', refundId: 're_1', refundedAt: later },
};
const deleted: DonationEvent = { type: 'DonationDeleted', data: { donationId: 'd1', deletedAt: later } };

describe('donation', () => {
  const { given } = spec(donationDecider);
  const recordWith = (changes: Partial<RecordDonationData>) => ({
    type: 'RecordDonation' as const,
    data: { ...record, ...changes },
  });

  describe('recording', () => {
    it('when a covered card gift of 50.00 is recorded at 2.90 % + 0.30, then 51.75 is paid, 1.75 fee, 50.00 donated and paid out', () => {
      given([]).when(recordWith({})).then([recorded]);
    });
    it('when the same donation is recorded again (a retried billing), then nothing more is recorded', () => {
      given([recorded])
        .when(recordWith({ gift: 9999 }))
        .then([]);
    });
    it('when another program reuses the id, then it is a conflict', () => {
      given([recorded])
        .when(recordWith({ programId: 'p2' }))
        .thenThrows('conflict');
    });
    it('when a cash gift is recorded with cover_fee, then it carries no fee, no covered fee and no payout', () => {
      const [event] = donationDecider.decide(
        recordWith({ method: 'cash', chargeId: null }),
        donationDecider.initialState(),
      );
      expect(event?.data).toMatchObject({
        method: 'cash',
        coverFee: false,
        amount: 5000,
        fee: 0,
        feeCovered: 0,
        donated: 5000,
        payout: 0,
      });
    });
    it('when a plan records it, then the plan id is kept', () => {
      const [event] = donationDecider.decide(recordWith({ planId: 'plan1' }), donationDecider.initialState());
      expect(event?.data).toMatchObject({ planId: 'plan1' });
    });
    it('when the campaign is unknown or another program’s, then it is an invalid request', () => {
      given([])
        .when(recordWith({ campaign: null }))
        .thenThrows('invalid_request');
      given([])
        .when(recordWith({ campaign: { programId: 'p2', archived: false, currency: 'EUR' } }))
        .thenThrows('invalid_request');
    });
    it('when the campaign is archived, then the donation is refused', () => {
      given([])
        .when(recordWith({ campaign: { programId: 'p1', archived: true, currency: 'EUR' } }))
        .thenThrows('operation_refused');
    });
    it('when the currency is not the program’s, then it is an invalid request', () => {
      given([])
        .when(recordWith({ currency: 'USD' }))
        .thenThrows('invalid_request');
    });
    it('when the gift is not positive, then it is an invalid request', () => {
      given([])
        .when(recordWith({ gift: 0 }))
        .thenThrows('invalid_request');
    });
    it('when an uncovered card gift does not exceed its fee, then it is refused', () => {
      given([])
        .when(recordWith({ gift: 30, coverFee: false }))
        .thenThrows('operation_refused');
    });
    it('when line items do not add up to the gift, then it is an invalid request; when they do, they are kept', () => {
      given([])
        .when(recordWith({ lineItems: [{ id: 'a', type: 'ticket', name: 'Gala', quantity: 2, amount: 2000 }] }))
        .thenThrows('invalid_request');
      const items = [{ id: 'a', type: 'ticket' as const, name: 'Gala', quantity: 2, amount: 2500 }];
      const [event] = donationDecider.decide(recordWith({ lineItems: items }), donationDecider.initialState());
      expect(event?.data).toMatchObject({ lineItems: items });
    });
  });

  describe('updating the supporter', () => {
    const update = (changes: object, programId = 'p1') => ({
      type: 'UpdateSupporter' as const,
      data: { programId, changes, now: later },
    });
    it('when the phone changes, then only that change is recorded', () => {
      given([recorded])
        .when(update({ phone: '+33 6', firstName: 'Camille' }))
        .then([
          {
            type: 'DonationSupporterUpdated',
            data: { donationId: 'd1', changes: { phone: '+33 6' }, updatedAt: later },
          },
        ]);
    });
    it('when nothing changes, then nothing is recorded', () => {
      given([recorded])
        .when(update({ email: 'camille@example.org' }))
        .then([]);
    });
    it('when the donation is deleted, unknown, or another program’s, then it is not found', () => {
      given([recorded, deleted])
        .when(update({ phone: '1' }))
        .thenThrows('not_found');
      given([])
        .when(update({ phone: '1' }))
        .thenThrows('not_found');
      given([recorded])
        .when(update({ phone: '1' }, 'p2'))
        .thenThrows('not_found');
    });
  });

  describe('refunding', () => {
    const refund = (programId = 'p1') => ({
      type: 'RefundDonation' as const,
      data: { programId, refundId: 're_1', now: later },
    });
    it('when a succeeded donation is refunded, then DonationRefunded is recorded', () => {
      given([recorded]).when(refund()).then([refunded]);
    });
    it('when it is refunded already, then a second refund is refused', () => {
      given([recorded, refunded]).when(refund()).thenThrows('operation_refused');
    });
    it('when it failed or is only authorized, then there is nothing to refund', () => {
      const failed: DonationEvent = { ...recorded, data: { ...recorded.data, status: 'failed', chargeId: null } };
      given([failed]).when(refund()).thenThrows('operation_refused');
      const pledged: DonationEvent = { ...recorded, data: { ...recorded.data, status: 'authorized', chargeId: null } };
      given([pledged]).when(refund()).thenThrows('operation_refused');
    });
    it('when another program asks, then it is not found, and assertRefundable says so before any processor call', () => {
      given([recorded]).when(refund('p2')).thenThrows('not_found');
      expect(() => assertRefundable(fold(donationDecider, [recorded, refunded]), 'p1')).toThrow(DomainError);
      expect(assertRefundable(fold(donationDecider, [recorded]), 'p1').donation.chargeId).toBe('ch_1');
    });
  });

  describe('deleting', () => {
    const remove = { type: 'DeleteDonation' as const, data: { programId: 'p1', now: later } };
    it('when a donation is deleted, then DonationDeleted is recorded, refunded or not', () => {
      given([recorded]).when(remove).then([deleted]);
      given([recorded, refunded]).when(remove).then([deleted]);
    });
    it('when it is deleted already, then it is not found', () => {
      given([recorded, deleted]).when(remove).thenThrows('not_found');
    });
  });
});
