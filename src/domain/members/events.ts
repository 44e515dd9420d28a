import { z } from 'zod';
import type { EventOf } from '../shared/events.js';

export const memberProfile = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  city: z.string(),
  zipcode: z.string(),
  codePartner: z.string().nullable(),
  birthday: z.string().nullable(),
  street: z.string().nullable(),
  phone: z.string().nullable(),
});
export type MemberProfile = z.infer<typeof memberProfile>;

export const memberEvents = {
  MemberRegistered: z.object({
    memberId: z.string(),
    programId: z.string(),
    profile: memberProfile,
    /** A salted scrypt hash, never the password. */
    passwordHash: z.string(),
    registeredAt: z.string(),
  }),
};
export type MemberEvent = EventOf<typeof memberEvents>;

/** Claims an email within a program: the stream exists once, so two registrations cannot both take it. */
export const emailClaimEvents = {
  EmailClaimed: z.object({ email: z.string(), memberId: z.string(), programId: z.string(), claimedAt: z.string() }),
};
export type EmailClaimEvent = EventOf<typeof emailClaimEvents>;
