import { describe, expect, it } from 'vitest';
import { memberEvents } from '../../../src/domain/members/events.js';
import { memberWebhookPayloads } from '../../../src/http/members/members/webhooks.js';

const meta = { eventId: 'evt_9', createdAt: '2027-02-28T11:00:00.000Z' };
const charged = {
  memberId: 'mem_1',
  donationId: 'don_1',
  chargeId: 'ch_secret_1',
  plan: 'M',
  periodStart: '2027-02-28T10:00:00.000Z',
  periodEnd: '2027-03-31T10:00:00.000Z',
  amount: 1200,
  donation: 960,
  currency: 'EUR',
  causeId: 'cause_3',
  chargedAt: '2027-02-28T11:00:00.000Z',
};

describe('member webhooks for billing', () => {
  it('when a period is charged, then member.donation_made shows the payment and the donation as "12.00" and "9.60", with the cause name when known', () => {
    const event = { type: 'SubscriptionCharged', data: memberEvents.SubscriptionCharged.parse(charged) };
    expect(memberWebhookPayloads(event, { ...meta, causeName: 'Ecolo Info' })).toEqual([
      {
        name: 'member.donation_made',
        payload: {
          id: 'evt_9',
          type: 'member.donation_made',
          created_at: meta.createdAt,
          data: {
            id: 'don_1',
            member_id: 'mem_1',
            cause_id: 'cause_3',
            cause_name: 'Ecolo Info',
            subscription: 'M',
            amount: '12.00',
            donation: '9.60',
            currency: 'EUR',
            created_at: charged.chargedAt,
          },
        },
      },
    ]);
    const [unknownCause] = memberWebhookPayloads(event, meta);
    expect((unknownCause?.payload.data as { cause_name: unknown }).cause_name).toBeNull();
    expect(JSON.stringify(unknownCause)).not.toContain('ch_secret_1');
  });

  it('when a charge has no cause, then there is no donation to announce', () => {
    const event = {
      type: 'SubscriptionCharged',
      data: memberEvents.SubscriptionCharged.parse({ ...charged, causeId: null }),
    };
    expect(memberWebhookPayloads(event, meta)).toEqual([]);
  });

  it('when a renewal is declined, then member.subscription_changed says past_due and not a member', () => {
    const data = {
      memberId: 'mem_1',
      plan: 'M',
      periodStart: charged.periodStart,
      amount: 1200,
      currency: 'EUR',
      attempt: 0,
      code: 'card_declined',
      reason: 'declined',
      failedAt: meta.createdAt,
    };
    const [only] = memberWebhookPayloads(
      { type: 'SubscriptionChargeFailed', data: memberEvents.SubscriptionChargeFailed.parse(data) },
      meta,
    );
    expect(only).toEqual({
      name: 'member.subscription_changed',
      payload: {
        id: 'evt_9',
        type: 'member.subscription_changed',
        created_at: meta.createdAt,
        data: { id: 'mem_1', member: false, subscription: 'M', amount: '12.00', currency: 'EUR', status: 'past_due' },
      },
    });
  });

  it('when contacts or a sponsor code are recorded, then no webhook is made', () => {
    const contacts = {
      memberId: 'mem_1',
      contacts: [{ email: null, firstName: 'A', lastName: 'B', city: 'C', phone: '0' }],
      recordedAt: meta.createdAt,
    };
    expect(memberWebhookPayloads({ type: 'ContactsRecorded', data: contacts }, meta)).toEqual([]);
    expect(
      memberWebhookPayloads(
        { type: 'SponsorCodeIssued', data: { memberId: 'mem_1', code: 'GOODSPONSORAB', issuedAt: meta.createdAt } },
        meta,
      ),
    ).toEqual([]);
  });
});
