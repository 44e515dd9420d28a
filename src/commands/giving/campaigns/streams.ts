import { sha256Hex } from '../../../platform/crypto.js';
import type { Decider, DomainEvent } from '../../../domain/shared/decider.js';
import { parseEvent, type EventSchemas } from '../../../domain/shared/events.js';
import { campaignDecider, type CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import type { EventStore } from '../../../platform/eventstore/types.js';

export const campaignStream = (campaignId: string): string => `campaign-${campaignId}`;

/** One stream per slug, across every program: its existence is the uniqueness check. */
export const slugClaimStream = (slug: string): string => `campaignslug-${sha256Hex(slug.trim().toLowerCase()).slice(0, 40)}`;

export const donationStream = (donationId: string): string => `donation-${donationId}`;

/** A stream folded into its decider's state, with its version: for reads that precede a command. */
export async function foldStream<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  schemas: EventSchemas,
  stream: string,
  upTo?: bigint,
): Promise<{ state: State; version: bigint | undefined }> {
  let state = decider.initialState();
  let version: bigint | undefined;
  for (const event of await store.readStream(stream)) {
    if (upTo !== undefined && event.revision > upTo) break;
    const parsed = parseEvent(schemas, event.type, event.data) as Event | undefined;
    if (parsed) state = decider.evolve(state, parsed);
    version = event.revision;
  }
  return { state, version };
}

export async function loadCampaign(store: EventStore, campaignId: string): Promise<CampaignState> {
  return (await foldStream(store, campaignDecider, campaignEvents, campaignStream(campaignId))).state;
}

/** Where a campaign's public page and a manager's profile live. */
export const campaignUrl = (baseUrl: string, slug: string): string => `${baseUrl.replace(/\/+$/, '')}/campaigns/${slug}`;
export const userUrl = (baseUrl: string, userId: string): string => `${baseUrl.replace(/\/+$/, '')}/users/${userId}`;
