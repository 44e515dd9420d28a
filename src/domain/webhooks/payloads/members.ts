import { z } from 'zod';
import { memberEvents } from '../../members/events.js';
import { envelope, formatMinor, isoDateTime, moneyString } from './common.js';

/*
 * The member surface's events, in seed 002's envelope. `data` is the member-facing
 * resource with the field names of seed 000 (snake_case, money as "12.00"), kept to
 * what a program needs to act on: no birthday, phone, street, and never a password
 * hash or a token digest. Strict objects, so a field nobody chose cannot slip in.
 */

const plan = z.enum(['M', 'Y']);

export const registeredMember = z.strictObject({
  id: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  city: z.string(),
  zipcode: z.string(),
  code_partner: z.string().nullable(),
  /** Has an active subscription: never yet at registration. */
  member: z.literal(false),
  created_at: isoDateTime,
});

export const memberSubscription = z.strictObject({
  id: z.string(),
  /** From the profile the dispatcher passes, when it has one. */
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  member: z.boolean(),
  /** M (monthly), Y (yearly), null once stopped. */
  subscription: plan.nullable(),
  amount: moneyString.nullable(),
  currency: z.string().length(3).nullable(),
  /** Present when the change names the cause the subscription gives to. */
  cause_attributes: z.strictObject({ id: z.string() }).optional(),
  /** Present when a renewal was declined: past_due, not a member until a later attempt succeeds. */
  status: z.literal('past_due').optional(),
});

export const feedback = z.enum(['like', 'unlike', 'unused']);

const useFields = {
  id: z.string(),
  member_id: z.string(),
  perk_id: z.string(),
  perk_name: z.string(),
  business_id: z.string(),
  business_name: z.string(),
  address_id: z.string().nullable(),
  created_at: isoDateTime,
};

export const useResource = z.strictObject({ ...useFields, feedback: feedback.nullable() });
export const useWithFeedback = z.strictObject({ ...useFields, feedback, updated_at: isoDateTime });

/** One of seed 000's `donation_attributes`, with its ids and currency. */
export const memberDonation = z.strictObject({
  id: z.string(),
  member_id: z.string(),
  cause_id: z.string(),
  /** From the catalogue; null while the catalogue does not know the cause. */
  cause_name: z.string().nullable(),
  subscription: plan,
  /** What the member paid for the period. */
  amount: moneyString,
  /** What reached the cause: the program's cause share of `amount`. */
  donation: moneyString,
  currency: z.string().length(3),
  created_at: isoDateTime,
});

export const memberPayloadSchemas = {
  'member.registered': envelope('member.registered', registeredMember),
  'member.subscription_changed': envelope('member.subscription_changed', memberSubscription),
  'use.created': envelope('use.created', useResource),
  'use.feedback_given': envelope('use.feedback_given', useWithFeedback),
  'member.donation_made': envelope('member.donation_made', memberDonation),
};

type MemberPayloads = { [N in keyof typeof memberPayloadSchemas]: z.output<(typeof memberPayloadSchemas)[N]> };
type MemberEventNames = 'member.registered' | 'member.subscription_changed' | 'member.donation_made';
export type MemberWebhookPayload = {
  [N in MemberEventNames]: { readonly name: N; readonly payload: MemberPayloads[N] };
}[MemberEventNames];

/** What the dispatcher knows of the member besides the event (e.g. from the members projection). */
export interface MemberWebhookProfile {
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
}

export interface MemberWebhookMeta {
  /** The stored event's id: the envelope's `id`, the same however often the event is seen. */
  readonly eventId: string;
  /** When the event was recorded, ISO 8601. */
  readonly createdAt: string;
  readonly profile?: MemberWebhookProfile;
  /** The cause's name, as the catalogue knows it, for member.donation_made. */
  readonly causeName?: string | null;
}

/*
 * Only the fields read from each domain event, picked from its own schema: the
 * payload is built field by field and checked against the strict schemas above,
 * so a password hash or a token digest never reaches it.
 */
const registered = memberEvents.MemberRegistered.pick({ memberId: true, profile: true, registeredAt: true });
const subscribed = memberEvents.MemberSubscribed.pick({ memberId: true, plan: true, amount: true, currency: true, causeId: true });
const stopped = memberEvents.MemberSubscriptionStopped.pick({ memberId: true });
const charged = memberEvents.SubscriptionCharged.pick({ memberId: true, donationId: true, plan: true, amount: true, donation: true, currency: true, causeId: true, chargedAt: true });
const declined = memberEvents.SubscriptionChargeFailed.pick({ memberId: true, plan: true, amount: true, currency: true });

function profileFields(profile: MemberWebhookProfile | undefined) {
  return {
    ...(profile?.email === undefined ? {} : { email: profile.email }),
    ...(profile?.firstName === undefined ? {} : { first_name: profile.firstName }),
    ...(profile?.lastName === undefined ? {} : { last_name: profile.lastName }),
  };
}

function subscriptionChanged(data: z.infer<typeof memberSubscription>, meta: MemberWebhookMeta): MemberWebhookPayload {
  const payload = memberPayloadSchemas['member.subscription_changed'].parse({
    id: meta.eventId,
    type: 'member.subscription_changed',
    created_at: meta.createdAt,
    data,
  });
  return { name: 'member.subscription_changed', payload };
}

/**
 * The webhook payloads one member domain event makes: MemberRegistered gives
 * member.registered; MemberSubscribed, MemberSubscriptionStopped and a declined
 * renewal (SubscriptionChargeFailed, past due) give member.subscription_changed;
 * SubscriptionCharged gives member.donation_made; any other event gives none.
 */
export function memberWebhookPayloads(event: { readonly type: string; readonly data: unknown }, meta: MemberWebhookMeta): MemberWebhookPayload[] {
  switch (event.type) {
    case 'MemberRegistered': {
      const { memberId, profile, registeredAt } = registered.parse(event.data);
      const data = {
        id: memberId,
        email: profile.email,
        first_name: profile.firstName,
        last_name: profile.lastName,
        city: profile.city,
        zipcode: profile.zipcode,
        code_partner: profile.codePartner,
        member: false,
        created_at: registeredAt,
      };
      const payload = memberPayloadSchemas['member.registered'].parse({ id: meta.eventId, type: 'member.registered', created_at: meta.createdAt, data });
      return [{ name: 'member.registered', payload }];
    }
    case 'MemberSubscribed': {
      const { memberId, plan: subscription, amount, currency, causeId } = subscribed.parse(event.data);
      const cause = causeId === null ? {} : { cause_attributes: { id: causeId } };
      const data = { id: memberId, ...profileFields(meta.profile), member: true, subscription, amount: formatMinor(amount), currency, ...cause };
      return [subscriptionChanged(data, meta)];
    }
    case 'MemberSubscriptionStopped': {
      const { memberId } = stopped.parse(event.data);
      const data = { id: memberId, ...profileFields(meta.profile), member: false, subscription: null, amount: null, currency: null };
      return [subscriptionChanged(data, meta)];
    }
    case 'SubscriptionChargeFailed': {
      const { memberId, plan: subscription, amount, currency } = declined.parse(event.data);
      const data = { id: memberId, ...profileFields(meta.profile), member: false, subscription, amount: formatMinor(amount), currency, status: 'past_due' as const };
      return [subscriptionChanged(data, meta)];
    }
    case 'SubscriptionCharged':
      return donationMade(charged.parse(event.data), meta);
    default:
      return [];
  }
}

/** A paid period's donation; one without a cause gives nothing to announce. */
function donationMade(charge: z.infer<typeof charged>, meta: MemberWebhookMeta): MemberWebhookPayload[] {
  if (charge.causeId === null) return [];
  const data = {
    id: charge.donationId,
    member_id: charge.memberId,
    cause_id: charge.causeId,
    cause_name: meta.causeName ?? null,
    subscription: charge.plan,
    amount: formatMinor(charge.amount),
    donation: formatMinor(charge.donation),
    currency: charge.currency,
    created_at: charge.chargedAt,
  };
  const payload = memberPayloadSchemas['member.donation_made'].parse({ id: meta.eventId, type: 'member.donation_made', created_at: meta.createdAt, data });
  return [{ name: 'member.donation_made', payload }];
}
