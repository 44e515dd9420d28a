import { campaignDecider, type CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import { campaignStream } from '../streams.js';

export async function loadCampaign(store: EventStore, campaignId: string): Promise<CampaignState> {
  return (await foldStream(store, campaignDecider, campaignEvents, campaignStream(campaignId))).state;
}
