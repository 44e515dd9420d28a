import { sha256Hex } from '../../../platform/crypto.js';
import { campaignDecider, type CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';

export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;

/** One stream per slug, across every program: its existence is the uniqueness check. */
export const slugClaimStream = (slug: string): string => `campaignslug-${sha256Hex(slug.trim().toLowerCase()).slice(0, 40)}`;

export const donationStream = (donationId: string): string => `donation-${donationId}`;

export async function loadCampaign(store: EventStore, campaignId: string): Promise<CampaignState> {
  return (await foldStream(store, campaignDecider, campaignEvents, campaignStream(campaignId))).state;
}

/** Where a campaign's public page and a manager's profile live. */
export const campaignUrl = (baseUrl: string, slug: string): string => `${baseUrl.replace(/\/+$/, '')}/campaigns/${slug}`;
export const userUrl = (baseUrl: string, userId: string): string => `${baseUrl.replace(/\/+$/, '')}/users/${userId}`;
