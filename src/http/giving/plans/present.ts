import type { PlanRow } from '../../../projections/giving/plans/queries.js';
import { fromHundredths } from '../../conventions/money.js';
import { isoDate } from '../common.js';

/** Seed 002's Plan object, with the campaign, the currency and what a client needs to follow it. */
export function presentPlan(plan: PlanRow) {
  return {
    id: plan.id,
    campaign_id: plan.campaignId,
    first_name: plan.firstName,
    last_name: plan.lastName,
    email: plan.email,
    phone: plan.phone,
    frequency: plan.frequency,
    status: plan.status,
    method: plan.method,
    amount: fromHundredths(plan.amount),
    currency: plan.currency,
    cover_fee: plan.coverFee,
    fee_covered: fromHundredths(plan.feeCovered),
    created_at: plan.createdAt.toISOString(),
    updated_at: plan.updatedAt.toISOString(),
    start_at: plan.startAt.toISOString(),
    end_at: isoDate(plan.endAt),
    next_bill_date: isoDate(plan.nextBillDate),
  };
}
