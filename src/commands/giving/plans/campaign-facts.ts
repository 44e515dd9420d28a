import { donationFacts, type DonationFactsDeps } from '../donations/donation-facts.js';
import type { BillingFacts } from './billing.js';

/** The plan's campaign as this program sees it (null: none of its own), the program's card fee and currency. */
export interface PlanCampaignFacts extends BillingFacts {
  readonly campaign: { readonly archived: boolean; readonly currency: string } | null;
  readonly programCurrency: string;
}

/** Asked of the donations part, which owns campaigns: the same facts a donation is recorded against. */
export async function planCampaignFacts(
  deps: DonationFactsDeps,
  programId: string,
  campaignId: string,
): Promise<PlanCampaignFacts> {
  const facts = await donationFacts(deps, programId, campaignId);
  const campaign =
    facts.campaign && facts.campaign.programId === programId
      ? { archived: facts.campaign.archived, currency: facts.campaign.currency }
      : null;
  return {
    campaign,
    campaignOpen: campaign !== null && !campaign.archived,
    cardFee: facts.fees,
    programCurrency: facts.programCurrency,
  };
}
