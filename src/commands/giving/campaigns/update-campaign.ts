import type { CampaignState } from '../../../domain/giving/campaigns/campaign.js';
import { notFound } from '../../../domain/shared/errors.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { campaigns } from './aggregate.js';
import { slugClaimsOf, toDetails, type CampaignInput } from './details.js';
import { loadCampaign } from './load-campaign.js';

/**
 * A campaign PATCH. A new slug is claimed before the change and the old one
 * released after it; if the change itself is refused, the new claim is released.
 */
export async function updateCampaign(
  { store, clock }: CommandDeps,
  campaignId: string,
  input: Partial<CampaignInput>,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint | undefined; readonly baseUrl: string },
): Promise<CommandResult<CampaignState>> {
  const at = clock.now().toISOString();
  const current = await loadCampaign(store, campaignId);
  if (current.status === 'none' || current.programId !== context.tenantId) throw notFound('campaign');
  const changes = toDetails(input, options.baseUrl);
  const newSlug = changes.slug !== undefined && changes.slug !== current.details.slug ? changes.slug : undefined;
  const slugClaim = slugClaimsOf(store, campaignId, context, at);
  if (newSlug) await slugClaim('ClaimSlug', newSlug);
  const command = { type: 'UpdateCampaign' as const, data: { programId: context.tenantId, changes, now: at } };
  let result: CommandResult<CampaignState>;
  try {
    result = await campaigns.handle(campaignId, command, { store, context, expectedRevision: options.expectedVersion });
  } catch (error) {
    if (newSlug) await slugClaim('ReleaseSlug', newSlug);
    throw error;
  }
  if (newSlug) await slugClaim('ReleaseSlug', current.details.slug);
  return result;
}

export async function archiveCampaign(
  { store, clock }: CommandDeps,
  campaignId: string,
  context: CommandContext,
): Promise<CommandResult<CampaignState>> {
  const command = {
    type: 'ArchiveCampaign' as const,
    data: { programId: context.tenantId, now: clock.now().toISOString() },
  };
  return campaigns.handle(campaignId, command, { store, context });
}
