import { memberWebhookPayloads, type MemberWebhookMeta } from '../../../domain/webhooks/payloads/members.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { findCauseSummary } from '../../../projections/perks/for-members.js';
import type { WebhookSource, WebhookSourceContext } from './types.js';

/** The cause's name for member.donation_made, when the catalogue knows the cause. */
async function causeName(event: RecordedEvent, ctx: WebhookSourceContext): Promise<string | null> {
  const causeId = event.data.causeId;
  const programId = event.metadata.tenantId;
  if (event.type !== 'SubscriptionCharged' || typeof causeId !== 'string' || !programId) return null;
  const cause = await findCauseSummary(ctx.trx, programId, causeId);
  return cause?.name ?? null;
}

export const memberWebhookSource: WebhookSource = {
  eventTypes: ['MemberRegistered', 'MemberSubscribed', 'MemberSubscriptionStopped', 'SubscriptionCharged', 'SubscriptionChargeFailed'],
  messages: async (event, ctx) => {
    const meta: MemberWebhookMeta = { eventId: event.id, createdAt: event.createdAt.toISOString(), causeName: await causeName(event, ctx) };
    return memberWebhookPayloads(event, meta);
  },
};
