import type { z } from 'zod';
import { memberEvents } from '../../../domain/members/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { findCauseSummary } from '../../../projections/perks/for-members.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { formatMinor } from '../../webhooks/payloads/common.js';
import { memberPayloadSchemas, type memberSubscription } from './payloads.js';

type MemberPayloads = { [N in keyof typeof memberPayloadSchemas]: z.output<(typeof memberPayloadSchemas)[N]> };
type MemberEventNames = keyof typeof memberPayloadSchemas;
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
 * payload is built field by field and checked against the strict schemas of payloads.ts,
 * so a password hash or a token digest never reaches it.
 */
const registered = memberEvents.MemberRegistered.pick({ memberId: true, profile: true, registeredAt: true });
const subscribed = memberEvents.MemberSubscribed.pick({
  memberId: true,
  plan: true,
  amount: true,
  currency: true,
  causeId: true,
});
const stopped = memberEvents.MemberSubscriptionStopped.pick({ memberId: true });
const charged = memberEvents.SubscriptionCharged.pick({
  memberId: true,
  donationId: true,
  plan: true,
  amount: true,
  donation: true,
  currency: true,
  causeId: true,
  chargedAt: true,
});
const declined = memberEvents.SubscriptionChargeFailed.pick({
  memberId: true,
  plan: true,
  amount: true,
  currency: true,
});

function profileFields(profile: MemberWebhookProfile | undefined) {
  return {
    ...(profile?.email === undefined ? {} : { email: profile.email }),
    ...(profile?.firstName === undefined ? {} : { first_name: profile.firstName }),
    ...(profile?.lastName === undefined ? {} : { last_name: profile.lastName }),
  };
}

/** A member webhook: seed 002's envelope (the event's id and time) around `data`, checked by the strict schema. */
function memberMessage<N extends MemberEventNames>(
  name: N,
  meta: MemberWebhookMeta,
  data: unknown,
): MemberWebhookPayload {
  const payload = memberPayloadSchemas[name].parse({ id: meta.eventId, type: name, created_at: meta.createdAt, data });
  return { name, payload } as MemberWebhookPayload;
}

type SubscriptionData = z.infer<typeof memberSubscription>;

/** member.subscription_changed: the member now, its subscription's terms (null once stopped) and what `extra` adds. */
function subscriptionChanged(
  meta: MemberWebhookMeta,
  id: string,
  member: boolean,
  terms: Pick<SubscriptionData, 'subscription' | 'amount' | 'currency'>,
  extra: Partial<SubscriptionData> = {},
): MemberWebhookPayload {
  const data = { id, ...profileFields(meta.profile), member, ...terms, ...extra };
  return memberMessage('member.subscription_changed', meta, data);
}

/**
 * The webhook payloads one member domain event makes: MemberRegistered gives
 * member.registered; MemberSubscribed, MemberSubscriptionStopped and a declined
 * renewal (SubscriptionChargeFailed, past due) give member.subscription_changed;
 * SubscriptionCharged gives member.donation_made; any other event gives none.
 */
export function memberWebhookPayloads(
  event: { readonly type: string; readonly data: unknown },
  meta: MemberWebhookMeta,
): MemberWebhookPayload[] {
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
      return [memberMessage('member.registered', meta, data)];
    }
    case 'MemberSubscribed': {
      const { memberId, plan: subscription, amount, currency, causeId } = subscribed.parse(event.data);
      const cause = causeId === null ? {} : { cause_attributes: { id: causeId } };
      return [
        subscriptionChanged(meta, memberId, true, { subscription, amount: formatMinor(amount), currency }, cause),
      ];
    }
    case 'MemberSubscriptionStopped': {
      const { memberId } = stopped.parse(event.data);
      return [subscriptionChanged(meta, memberId, false, { subscription: null, amount: null, currency: null })];
    }
    case 'SubscriptionChargeFailed': {
      const { memberId, plan: subscription, amount, currency } = declined.parse(event.data);
      const terms = { subscription, amount: formatMinor(amount), currency };
      return [subscriptionChanged(meta, memberId, false, terms, { status: 'past_due' })];
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
  return [memberMessage('member.donation_made', meta, data)];
}

/** The cause's name for member.donation_made, when the catalogue knows the cause. */
async function causeName(event: RecordedEvent, ctx: WebhookSourceContext): Promise<string | null> {
  const causeId = event.data.causeId;
  const programId = event.metadata.tenantId;
  if (event.type !== 'SubscriptionCharged' || typeof causeId !== 'string' || !programId) return null;
  const cause = await findCauseSummary(ctx.trx, programId, causeId);
  return cause?.name ?? null;
}

export const memberWebhookSource: WebhookSource = {
  eventTypes: [
    'MemberRegistered',
    'MemberSubscribed',
    'MemberSubscriptionStopped',
    'SubscriptionCharged',
    'SubscriptionChargeFailed',
  ],
  messages: async (event, ctx) => {
    const meta: MemberWebhookMeta = {
      eventId: event.id,
      createdAt: event.createdAt.toISOString(),
      causeName: await causeName(event, ctx),
    };
    return memberWebhookPayloads(event, meta);
  },
};
