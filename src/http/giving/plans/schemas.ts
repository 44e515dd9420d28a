import { z } from 'zod';
import { email, text } from '../fields.js';
import { FREQUENCIES } from '../../../domain/giving/plans/schedule.js';
import { isoDateTime } from '../../conventions/dates.js';
import { money } from '../../conventions/money.js';

/** An ISO 8601 date-time, normalised to UTC with milliseconds. */
const dateTime = isoDateTime().meta({ format: 'date-time' });
const positiveMoney = money.refine((v) => v > 0, 'more than 0');

const frequencySchema = z.enum(FREQUENCIES);
export const planStatusSchema = z.enum(['active', 'paused', 'past_due', 'canceled', 'ended']);

export const createPlanBody = z.strictObject({
  campaign_id: text(64).meta({ format: 'uuid' }),
  frequency: frequencySchema,
  amount: positiveMoney,
  /** The program's currency when omitted; another one is refused. */
  currency: z.string().trim().toUpperCase().length(3).optional().meta({ pattern: '^[A-Za-z]{3}$' }),
  method: z.enum(['card', 'check', 'cash']),
  cover_fee: z.boolean().default(false),
  /** When the first period bills; now when omitted. */
  start_at: dateTime.optional(),
  end_at: dateTime.nullable().optional(),
  first_name: text(100),
  last_name: text(100),
  email,
  phone: z.string().trim().max(40).nullable().optional(),
  /** The card's payment-method token (e.g. a Stripe token); charged each period. */
  payment_token: text(200).optional(),
});

export const patchPlanBody = z.strictObject({
  amount: positiveMoney.optional(),
  frequency: frequencySchema.optional(),
  /** paused pauses, active resumes (the dates the pause covered are skipped). */
  status: z.enum(['active', 'paused']).optional(),
  /** A new card token, e.g. after a failed charge: the next tick tries it. */
  payment_token: text(200).optional(),
});

export const planListQuery = z.object({
  status: planStatusSchema.optional(),
  campaign_id: z.string().trim().min(1).max(64).optional().meta({ format: 'uuid' }),
});
