import { campaignDecider, type CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { campaignEvents } from '../../../domain/giving/campaigns/events.js';
import { notFound } from '../../../domain/shared/errors.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { handleCommand, type CommandContext, type CommandResult } from '../../handle.js';
import { slugClaim, toDetails, type CampaignInput } from './details.js';
import { campaignStream } from '../streams.js';
import { loadCampaign } from './load-campaign.js';

/**
 * A campaign PATCH. A new slug is claimed before the change and the old one
 * released after it; if the change itself is refused, the new claim is released.
 */
export async function updateCampaign(
  store: EventStore,
  campaignId: string,
  input: Partial<CampaignInput>,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint | undefined; readonly baseUrl: string },
  now: Date = new Date(),
): Promise<CommandResult<CampaignState>> {
  const at = now.toISOString();
  const current = await loadCampaign(store, campaignId);
  if (current.status === 'none' || current.programId !== context.tenantId) throw notFound('campaign');
  const changes = toDetails(input, options.baseUrl);
  const newSlug = changes.slug !== undefined && changes.slug !== current.details.slug ? changes.slug : undefined;
  if (newSlug) await slugClaim(store, 'ClaimSlug', newSlug, campaignId, context, at);
  const command = { type: 'UpdateCampaign' as const, data: { programId: context.tenantId, changes, now: at } };
  let result: CommandResult<CampaignState>;
  try {
    result = await handleCommand(store, campaignDecider, campaignEvents, campaignStream(campaignId), command, context, { expectedVersion: options.expectedVersion });
  } catch (error) {
    if (newSlug) await slugClaim(store, 'ReleaseSlug', newSlug, campaignId, context, at);
    throw error;
  }
  if (newSlug) await slugClaim(store, 'ReleaseSlug', current.details.slug, campaignId, context, at);
  return result;
}

export async function archiveCampaign(store: EventStore, campaignId: string, context: CommandContext, now: Date = new Date()): Promise<CommandResult<CampaignState>> {
  const command = { type: 'ArchiveCampaign' as const, data: { programId: context.tenantId, now: now.toISOString() } };
  return handleCommand(store, campaignDecider, campaignEvents, campaignStream(campaignId), command, context);
}
