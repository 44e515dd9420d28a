import { z } from 'zod';
import { claimEventSchemas } from '../../shared/unique-claim.js';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

/** Seed 002's User, as a campaign names its managers: who they are, not what they gave (that comes from donations). */
export const campaignManager = z.object({
  userId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  picture: z.string().nullable(),
  url: z.string(),
});
export type CampaignManager = z.infer<typeof campaignManager>;

export const campaignDetails = z.object({
  title: z.string(),
  description: z.string(),
  slug: z.string(),
  /** Minor units, in the program's currency. */
  goal: z.number().int().nonnegative(),
  startAt: z.string(),
  endAt: z.string().nullable(),
  /** The public page, derived from the slug when the campaign is created or renamed. */
  url: z.string(),
  image: z.object({ url: z.string() }).nullable(),
  managers: z.array(campaignManager),
});
export type CampaignDetails = z.infer<typeof campaignDetails>;

const campaign = aggregateEvents('campaignId', ['programId']);

export const campaignEvents = {
  CampaignCreated: campaign.opening({
    currency: z.string().length(3),
    details: campaignDetails,
    createdAt: z.string(),
  }),
  CampaignUpdated: campaign.event({ changes: campaignDetails.partial(), updatedAt: z.string() }),
  /** Archived campaigns take no new donations; seed 002 calls it `campaign.disabled`. */
  CampaignArchived: campaign.event({ archivedAt: z.string() }),
};
export type CampaignEvent = EventOf<typeof campaignEvents>;

/** A slug is unique across the whole platform: its claim stream exists once. */
export const slugClaimEvents = claimEventSchemas('CampaignSlug', 'slug', 'campaignId');
export type SlugClaimEvent = EventOf<typeof slugClaimEvents>;
