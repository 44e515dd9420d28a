import { fromHundredths } from '../../conventions/money.js';
import { presentAddress } from '../address.js';
import type { DonationView } from '../../../projections/giving/donations/views.js';

/** Minor units to the API's "12.00" (negative never happens here, totals only grow from zero). */
const money = (minor: number): string => fromHundredths(minor);

/** Seed 002's Transaction object. */
export function presentDonation(donation: DonationView) {
  return {
    id: donation.id,
    campaign_id: donation.campaignId,
    plan_id: donation.planId,
    team_id: donation.teamId,
    user_id: donation.userId,
    first_name: donation.firstName,
    last_name: donation.lastName,
    email: donation.email,
    phone: donation.phone,
    address: presentAddress(donation.address),
    status: donation.status,
    method: donation.method,
    amount: money(donation.amount),
    fee: money(donation.fee),
    fee_covered: money(donation.feeCovered),
    donated: money(donation.donated),
    payout: money(donation.payout),
    currency: donation.currency,
    created_at: donation.createdAt,
    captured: donation.captured,
    captured_at: donation.capturedAt,
    refunded: donation.refunded,
    refunded_at: donation.refundedAt,
    line_items: donation.lineItems.map((item) => ({
      id: item.id,
      type: item.type,
      name: item.name,
      quantity: item.quantity,
      amount: money(item.amount),
    })),
    giving_space: donation.givingSpace,
    utm: donation.utm,
  };
}
