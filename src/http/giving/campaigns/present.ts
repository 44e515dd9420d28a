import type { CampaignView, ManagerView } from '../../../projections/giving/campaigns/views.js';
import { fromHundredths } from '../../conventions/money.js';

/** Minor units to the API's "12.00" (negative never happens here, totals only grow from zero). */
const money = (minor: number): string => fromHundredths(minor);

/** Seed 002's User object, as a campaign lists its managers. */
function presentManager(manager: ManagerView) {
  return {
    id: manager.userId,
    first_name: manager.firstName,
    last_name: manager.lastName,
    email: manager.email,
    phone: manager.phone,
    picture: manager.picture,
    donated: money(manager.donated),
    raised: money(manager.raised),
    url: manager.url,
    campaigns: manager.campaigns.map((c) => ({ id: c.id, title: c.title, slug: c.slug })),
  };
}

/**
 * Seed 002's Campaign object ("number of donors" spelt number_of_donors), with its currency and whether it is archived.
 */
export function presentCampaign(campaign: CampaignView) {
  return {
    id: campaign.id,
    title: campaign.title,
    description: campaign.description,
    slug: campaign.slug,
    goal: money(campaign.goal),
    raised: money(campaign.raised),
    number_of_donors: campaign.numberOfDonors,
    currency: campaign.currency,
    start_at: campaign.startAt,
    end_at: campaign.endAt,
    url: campaign.url,
    image: campaign.image,
    status: campaign.status,
    archived_at: campaign.archivedAt,
    created_at: campaign.createdAt,
    updated_at: campaign.updatedAt,
    managers: campaign.managers.map(presentManager),
  };
}
