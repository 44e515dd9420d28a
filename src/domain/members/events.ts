import { z } from 'zod';
import { claimEventSchemas } from '../shared/unique-claim.js';
import { aggregateEvents, type EventOf } from '../shared/events.js';

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

/** Someone a member invites (seed 000's contacts). */
export const invitedContact = z.object({
  email: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  city: z.string(),
  phone: z.string(),
});
export type InvitedContact = z.infer<typeof invitedContact>;

export const subscriptionPlan = z.enum(['M', 'Y']);
export type SubscriptionPlan = z.infer<typeof subscriptionPlan>;

const member = aggregateEvents('memberId', ['programId']);

export const memberEvents = {
  MemberRegistered: member.opening({
    profile: memberProfile,
    /** A salted scrypt hash, never the password. */
    passwordHash: z.string(),
    registeredAt: z.string(),
  }),
  MemberProfileUpdated: member.event({
    // Without picture's default: zod fills defaults in even inside partial(), which would erase the picture on every
    // update.
    changes: memberProfile.extend({ picture: z.string().nullable(), causeId: z.string().nullable() }).partial(),
    updatedAt: z.string(),
  }),
  MemberSubscribed: member.event({
    plan: subscriptionPlan,
    /** Minor units per period. */
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    causeId: z.string().nullable(),
    subscribedAt: z.string(),
  }),
  MemberSubscriptionStopped: member.event({ stoppedAt: z.string() }),
  MemberSignedIn: member.event({
    sessionId: z.string(),
    /** SHA-256 of the authentication token: the token itself is shown once. */
    tokenDigest: z.string().regex(/^[0-9a-f]{64}$/),
    method: z.enum(['password', 'external_token']),
    signedInAt: z.string(),
  }),
  MemberSignedOut: member.event({ sessionId: z.string(), signedOutAt: z.string() }),
  /** One period paid: the payment and the donation it makes to the member's cause. */
  SubscriptionCharged: member.event({
    donationId: z.string(),
    /** The provider's charge id; never the card token. */
    chargeId: z.string(),
    plan: subscriptionPlan,
    periodStart: z.string(),
    /** When the next period falls due. */
    periodEnd: z.string(),
    /** Minor units paid for the period. */
    amount: z.number().int().positive(),
    /** Minor units given to the cause: the program's cause share of `amount`, rounded down. */
    donation: z.number().int().min(0),
    currency: z.string().length(3),
    causeId: z.string().nullable(),
    chargedAt: z.string(),
  }),
  /** A renewal the provider declined: the subscription is past due until a later attempt succeeds. */
  SubscriptionChargeFailed: member.event({
    plan: subscriptionPlan,
    periodStart: z.string(),
    amount: z.number().int().positive(),
    currency: z.string().length(3),
    /** 0 for the first attempt at this period, then 1, 2… */
    attempt: z.number().int().min(0),
    code: z.string(),
    reason: z.string(),
    failedAt: z.string(),
  }),
  ContactsRecorded: member.event({
    contacts: z.array(invitedContact).min(1),
    recordedAt: z.string(),
  }),
  SponsorCodeIssued: member.event({ code: z.string(), issuedAt: z.string() }),
};
export type MemberEvent = EventOf<typeof memberEvents>;

/** Claims an email within a program: the stream exists once, so two registrations cannot both take it. */
export const emailClaimEvents = claimEventSchemas('Email', 'email', 'memberId');
export type EmailClaimEvent = EventOf<typeof emailClaimEvents>;

/**
 * Claims a sponsor code within a program: the stream exists once, so two members cannot both hold it. A code is
 * never released, so only the claim's event is recorded.
 */
export const sponsorCodeEvents = {
  SponsorCodeClaimed: claimEventSchemas('SponsorCode', 'code', 'memberId').SponsorCodeClaimed,
};
export type SponsorCodeEvent = EventOf<typeof sponsorCodeEvents>;
