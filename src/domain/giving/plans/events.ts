import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { FREQUENCIES } from './schedule.js';

export const frequency = z.enum(FREQUENCIES);
export const planMethod = z.enum(['card', 'check', 'cash']);
export type PlanMethod = z.infer<typeof planMethod>;

export const planSupporter = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
});
export type PlanSupporter = z.infer<typeof planSupporter>;

/** What changes a plan's schedule: the bill dates are `anchor` + n periods, n from `index`. */
const schedule = { anchor: z.string(), index: z.number().int().min(0) };

const plan = aggregateEvents('planId', ['programId']);

export const planEvents = {
  PlanCreated: plan.opening({
    campaignId: z.string(),
    frequency,
    /** Minor units per period, before any covered fee. */
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    method: planMethod,
    coverFee: z.boolean(),
    /** The fee the supporter adds each period (card with cover_fee), minor units. */
    feeCovered: z.number().int().min(0),
    supporter: planSupporter,
    /** The card's payment-method token, sealed (AES-GCM) by the command layer; never in clear. */
    paymentToken: z.string().nullable(),
    startAt: z.string(),
    endAt: z.string().nullable(),
    createdAt: z.string(),
  }),
  PlanChanged: plan.event({
    amount: z.number().int().positive().optional(),
    feeCovered: z.number().int().min(0).optional(),
    frequency: frequency.optional(),
    /** A new frequency starts from the pending bill date. */
    schedule: z.object(schedule).optional(),
    changedAt: z.string(),
  }),
  PlanPaymentMethodChanged: plan.event({ paymentToken: z.string(), changedAt: z.string() }),
  PlanPaused: plan.event({ pausedAt: z.string() }),
  /** Resuming skips the periods the pause covered: `index` is the first one not in the past. */
  PlanResumed: plan.event({
    index: z.number().int().min(0),
    nextBillDate: z.string(),
    resumedAt: z.string(),
  }),
  PlanCanceled: plan.event({ canceledAt: z.string() }),
  PlanDeleted: plan.event({ deletedAt: z.string() }),
  /** One period billed: `period` counts every period ever billed, the idempotency unit of billing. */
  PlanBilled: plan.event({
    period: z.number().int().min(0),
    billDate: z.string(),
    donationId: z.string(),
    chargeId: z.string().nullable(),
    /** Charged: the amount plus the covered fee. */
    charged: z.number().int().min(0),
    nextBillDate: z.string(),
    billedAt: z.string(),
  }),
  PlanPaymentFailed: plan.event({
    period: z.number().int().min(0),
    attempt: z.number().int().min(0),
    code: z.string(),
    reason: z.string(),
    failedAt: z.string(),
  }),
  /** The next bill date passed end_at: nothing more is billed. */
  PlanEnded: plan.event({ endedAt: z.string() }),
};
export type PlanEvent = EventOf<typeof planEvents>;
