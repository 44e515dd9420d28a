import { donationDecider, type DonationState } from '../../../domain/giving/donations/donation.js';
import { donationEvents } from '../../../domain/giving/donations/events.js';
import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import type { DonationView } from '../../../projections/giving/donations/views.js';
import type { WebhookSource } from '../../../projections/webhooks/webhook-source.js';
import { foldedSource } from '../envelope.js';
import { presentDonation } from './present.js';

/*
 * donation.created, .refunded and .deleted: `data` is the donation as the API shows
 * it at that event, folded from its stream up to the event's revision.
 */

const DONATION_NAMES: Record<string, WebhookEventName> = {
  DonationRecorded: 'donation.created',
  DonationRefunded: 'donation.refunded',
  DonationDeleted: 'donation.deleted',
};

export function donationView(state: DonationState, version: bigint): DonationView | undefined {
  if (state.status === 'none') return undefined;
  const d = state.donation;
  const captured = d.status === 'succeeded';
  return {
    id: d.donationId,
    campaignId: d.campaignId,
    planId: d.planId,
    teamId: d.teamId,
    userId: d.userId,
    ...d.supporter,
    status: d.status,
    method: d.method,
    amount: d.amount,
    fee: d.fee,
    feeCovered: d.feeCovered,
    donated: d.donated,
    payout: d.payout,
    currency: d.currency,
    createdAt: d.recordedAt,
    captured,
    capturedAt: captured ? d.recordedAt : null,
    refunded: state.refundedAt !== null,
    refundedAt: state.refundedAt,
    lineItems: d.lineItems,
    givingSpace: d.givingSpace,
    utm: d.utm,
    version: Number(version),
  };
}

export const donationsWebhookSource: WebhookSource = foldedSource({
  names: DONATION_NAMES,
  decider: donationDecider,
  events: donationEvents,
  view: donationView,
  present: presentDonation,
});
