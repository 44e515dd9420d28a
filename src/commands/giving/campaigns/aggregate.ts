import { campaignDecider } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents, slugClaimEvents } from '../../../domain/giving/campaigns/events.js';
import { slugClaimDecider } from '../../../domain/giving/campaigns/slug-claim.js';
import { aggregate } from '../../shared/aggregate.js';
import { campaignStream, slugClaimStream } from '../streams.js';

export const campaigns = aggregate({ decider: campaignDecider, events: campaignEvents, stream: campaignStream });
/** Keyed by the slug: its claim stream is shared by every program. */
export const slugClaims = aggregate({ decider: slugClaimDecider, events: slugClaimEvents, stream: slugClaimStream });
