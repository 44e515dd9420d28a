import { z } from 'zod';
import { isoDateOrDateTime } from '../../conventions/dates.js';
import { money } from '../../conventions/money.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'an email address with @' }))
  .pipe(z.string().max(254));
/** Kept as written: a birthday's day matters, not the instant it names in UTC. */
const date = isoDateOrDateTime().meta({ pattern: '^\\d{4}-\\d{2}-\\d{2}([T ].*)?$' });

/** The seed's "Post a specific user": the minimum fields, and birthday, street… permitted. */
export const registerBody = z.strictObject({
  user: z.strictObject({
    email,
    first_name: text(100),
    last_name: text(100),
    password: z.string().min(8, 'at least 8 characters').max(200),
    city: text(100),
    zipcode: text(20),
    code_partner: optionalText(50),
    birthday: date.nullable().optional(),
    street: optionalText(200),
    phone: optionalText(40),
    remote_picture_url: z.url().max(2000).nullable().optional(),
  }),
});

/** The seed's "Patch a specific user": every field optional; X stops the subscription and changes nothing else. */
export const patchBody = z.strictObject({
  user: z.strictObject({
    email: email.optional(),
    first_name: text(100).optional(),
    last_name: text(100).optional(),
    birthday: date.nullable().optional(),
    subscription: z.enum(['M', 'Y', 'X']).optional(),
    amount: money.refine((v) => v > 0, 'more than 0').optional(),
    code_partner: optionalText(50),
    street: optionalText(200),
    zipcode: text(20).optional(),
    city: text(100).optional(),
    phone: optionalText(40),
    cause_id: z
      .union([z.string().trim().min(1).max(64).meta({ format: 'uuid' }), z.number().int().positive().transform(String)])
      .optional(),
    remote_picture_url: z.url().max(2000).nullable().optional(),
    /**
     * A payment-method token from the card form: charged at once when the PATCH starts a subscription, then kept sealed
     * for renewals.
     */
    stripeToken: z.string().trim().min(1).max(200).optional(),
    payment_token: z.string().trim().min(1).max(200).optional(),
  }),
});

/** Sign-in takes the seed's headers (email, password, access_token) or the same fields in a JSON body. */
export const signInInput = z
  .object({
    email,
    password: z.string().min(1).max(200).optional(),
    access_token: z.string().min(1).max(4096).optional(),
  })
  .refine((v) => v.password !== undefined || v.access_token !== undefined, {
    message: 'password or access_token is required',
    path: ['password'],
  });

export const existsQuery = z.object({ email });
