import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Seed 000's "Post some new contacts": the people a member invites. */
export const invitationsBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        email: z.string().trim().max(254).nullable().optional(),
        first_name: text(100),
        last_name: text(100),
        city: text(100),
        phone: text(40),
      }),
    )
    .min(1)
    .max(100),
});
