import { campaignDecider, type CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import { managersOf } from '../../../projections/giving/campaigns/queries.js';
import type { CampaignView } from '../../../projections/giving/campaigns/views.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { foldedSource } from '../envelope.js';
import { presentCampaign } from './present.js';

/*
 * campaign.created and .disabled: `data` is the campaign as the API shows it at that
 * event, folded from its stream up to the event's revision. Its totals and its
 * managers' figures are not in its stream: they are read from the read model as it
 * stands when the event is sent.
 */

const CAMPAIGN_NAMES: Record<string, WebhookEventName> = {
  CampaignCreated: 'campaign.created',
  CampaignArchived: 'campaign.disabled',
};

async function campaignView(
  state: CampaignState,
  version: bigint,
  ctx: WebhookSourceContext,
): Promise<CampaignView | undefined> {
  if (state.status === 'none') return undefined;
  const totals = await ctx
    .trx('rm_giving_campaigns')
    .where({ id: state.campaignId })
    .first<{ raised: string; number_of_donors: number } | undefined>('raised', 'number_of_donors');
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
    // The read model may not have the managers yet (a new campaign): then they come from the stream, with nothing given
    // yet.
    managers:
      managers.length > 0
        ? managers
        : details.managers.map((m) => ({
            userId: m.userId,
            firstName: m.firstName,
            lastName: m.lastName,
            email: m.email,
            phone: m.phone,
            picture: m.picture,
            url: m.url,
            donated: 0,
            raised: 0,
            campaigns: [],
          })),
    version: Number(version),
  };
}

export const campaignsWebhookSource: WebhookSource = foldedSource({
  names: CAMPAIGN_NAMES,
  decider: campaignDecider,
  events: campaignEvents,
  view: campaignView,
  present: presentCampaign,
});
