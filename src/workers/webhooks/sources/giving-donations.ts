import { foldStream } from '../../../commands/fold-stream.js';
import { campaignDecider, type CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import { donationDecider, type DonationState } from '../../../domain/giving/donations/donation.js';
import { donationEvents } from '../../../domain/giving/donations/events.js';
import { parseWebhookPayload } from '../../../http/webhooks/payloads/index.js';
import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import { presentCampaign, presentDonation } from '../../../http/giving/donations/present.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { managersOf } from '../../../projections/giving/donations/queries.js';
import type { CampaignView, DonationView } from '../../../projections/giving/donations/views.js';
import type { WebhookMessage, WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';

/*
 * donation.created, .refunded, .deleted and campaign.created, .disabled: `data`
 * is the resource as the API shows it at that event, folded from its stream up to
 * the event's revision. A campaign's totals and its managers' figures are not in
 * its stream: they are read from the read model as it stands when the event is sent.
 */

const DONATION_NAMES: Record<string, WebhookEventName> = {
  DonationRecorded: 'donation.created',
  DonationRefunded: 'donation.refunded',
  DonationDeleted: 'donation.deleted',
};
const CAMPAIGN_NAMES: Record<string, WebhookEventName> = { CampaignCreated: 'campaign.created', CampaignArchived: 'campaign.disabled' };

export function donationView(state: DonationState, version: bigint): DonationView | undefined {
  if (state.status === 'none') return undefined;
  const d = state.donation;
  const captured = d.status === 'succeeded';
  return {
    id: d.donationId,
    campaignId: d.campaignId,
    planId: d.planId,
    teamId: d.teamId,
    userId: d.userId,
    ...d.supporter,
    status: d.status,
    method: d.method,
    amount: d.amount,
    fee: d.fee,
    feeCovered: d.feeCovered,
    donated: d.donated,
    payout: d.payout,
    currency: d.currency,
    createdAt: d.recordedAt,
    captured,
    capturedAt: captured ? d.recordedAt : null,
    refunded: state.refundedAt !== null,
    refundedAt: state.refundedAt,
    lineItems: d.lineItems,
    givingSpace: d.givingSpace,
    utm: d.utm,
    version: Number(version),
  };
}

async function campaignView(state: CampaignState, version: bigint, ctx: WebhookSourceContext): Promise<CampaignView | undefined> {
  if (state.status === 'none') return undefined;
  const totals = await ctx.trx('rm_giving_campaigns').where({ id: state.campaignId }).first<{ raised: string; number_of_donors: number } | undefined>('raised', 'number_of_donors');
  const managers = (await managersOf(ctx.trx, state.programId, [state.campaignId])).get(state.campaignId) ?? [];
  const { details } = state;
  return {
    id: state.campaignId,
    programId: state.programId,
    title: details.title,
    description: details.description,
    slug: details.slug,
    goal: details.goal,
    currency: state.currency,
    startAt: details.startAt,
    endAt: details.endAt,
    url: details.url,
    image: details.image,
    status: state.status,
    archivedAt: state.archivedAt,
    raised: Number(totals?.raised ?? 0),
    numberOfDonors: totals?.number_of_donors ?? 0,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    // The read model may not have the managers yet (a new campaign): then they come from the stream, with nothing given yet.
    managers:
      managers.length > 0
        ? managers
        : details.managers.map((m) => ({ userId: m.userId, firstName: m.firstName, lastName: m.lastName, email: m.email, phone: m.phone, picture: m.picture, url: m.url, donated: 0, raised: 0, campaigns: [] })),
    version: Number(version),
  };
}

const envelope = (event: RecordedEvent, name: WebhookEventName, data: unknown): WebhookMessage => ({
  name,
  payload: parseWebhookPayload(name, { id: event.id, type: name, created_at: event.createdAt.toISOString(), data }),
});

export const donationsWebhookSource: WebhookSource = {
  eventTypes: [...Object.keys(DONATION_NAMES), ...Object.keys(CAMPAIGN_NAMES)],
  async messages(event, ctx) {
    const donationName = DONATION_NAMES[event.type];
    if (donationName) {
      const { state } = await foldStream(ctx.store, donationDecider, donationEvents, event.streamName, event.revision);
      const view = donationView(state, event.revision);
      return view ? [envelope(event, donationName, presentDonation(view))] : [];
    }
    const campaignName = CAMPAIGN_NAMES[event.type];
    if (campaignName) {
      const { state } = await foldStream(ctx.store, campaignDecider, campaignEvents, event.streamName, event.revision);
      const view = await campaignView(state, event.revision, ctx);
      return view ? [envelope(event, campaignName, presentCampaign(view))] : [];
    }
    return [];
  },
};
