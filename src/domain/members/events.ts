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
  picture: z.string().nullable().default(null),
});
export type MemberProfile = z.infer<typeof memberProfile>;
export type ProfileChanges = Partial<MemberProfile & { causeId: string | null }>;

export const subscriptionPlan = z.enum(['M', 'Y']);
export type SubscriptionPlan = z.infer<typeof subscriptionPlan>;

export const memberEvents = {
  MemberRegistered: z.object({
    memberId: z.string(),
    programId: z.string(),
    profile: memberProfile,
    /** A salted scrypt hash, never the password. */
    passwordHash: z.string(),
    registeredAt: z.string(),
  }),
  MemberProfileUpdated: z.object({
    memberId: z.string(),
    changes: memberProfile.partial().extend({ causeId: z.string().nullable().optional() }),
    updatedAt: z.string(),
  }),
  MemberSubscribed: z.object({
    memberId: z.string(),
    plan: subscriptionPlan,
    /** Minor units per period. */
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    causeId: z.string().nullable(),
    subscribedAt: z.string(),
  }),
  MemberSubscriptionStopped: z.object({ memberId: z.string(), stoppedAt: z.string() }),
  MemberSignedIn: z.object({
    memberId: z.string(),
    sessionId: z.string(),
    /** SHA-256 of the authentication token: the token itself is shown once. */
    tokenDigest: z.string().regex(/^[0-9a-f]{64}$/),
    method: z.enum(['password', 'external_token']),
    signedInAt: z.string(),
  }),
  MemberSignedOut: z.object({ memberId: z.string(), sessionId: z.string(), signedOutAt: z.string() }),
};
export type MemberEvent = EventOf<typeof memberEvents>;

/** Claims an email within a program: the stream exists once, so two registrations cannot both take it. */
export const emailClaimEvents = {
  EmailClaimed: z.object({ email: z.string(), memberId: z.string(), programId: z.string(), claimedAt: z.string() }),
  EmailReleased: z.object({ email: z.string(), memberId: z.string(), releasedAt: z.string() }),
};
export type EmailClaimEvent = EventOf<typeof emailClaimEvents>;
