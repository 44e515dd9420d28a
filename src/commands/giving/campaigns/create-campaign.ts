import { slugClaimEvents, type CampaignDetails } from '../../../domain/giving/campaigns/events.js';
import { DomainError } from '../../../domain/shared/errors.js';
import type { Position } from '../../../platform/eventstore/types.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { campaignStream, slugClaimStream } from '../streams.js';
import { campaigns } from './aggregate.js';
import { slugClaimsOf, toDetails, type CampaignInput } from './details.js';

/** A claim with no campaign after this long was left by a crash, not by a creation still under way. */
const ABANDONED_SLUG_CLAIM_MS = 30_000;

/** A new campaign starts now unless the client names its start. */
export type NewCampaignInput = Omit<CampaignInput, 'startAt'> & { readonly startAt: string | undefined };

/**
 * Claims the slug, then creates the campaign under the claimed id. A crash between
 * the two leaves a claim without a campaign; creating with the same slug once that
 * claim is abandoned finishes the creation instead of refusing the slug forever.
 */
export async function createCampaign(
  { store, clock }: CommandDeps,
  input: NewCampaignInput,
  context: CommandContext,
  settings: { readonly currency: string; readonly baseUrl: string },
): Promise<{ id: string; position: Position | undefined; version: bigint | undefined }> {
  const now = clock.now();
  const at = now.toISOString();
  const ids = idsFor(context);
  let campaignId: string = ids.next();
  const details = toDetails({ ...input, startAt: input.startAt ?? at }, settings.baseUrl, ids) as CampaignDetails;
  try {
    await slugClaimsOf(store, campaignId, context, at)('ClaimSlug', details.slug);
  } catch (error) {
    if (!(error instanceof DomainError) || error.errorName !== 'conflict_uniqueness') throw error;
    const [claimed] = await store.readStream(slugClaimStream(details.slug), { maxCount: 1 });
    const claim = claimed ? slugClaimEvents.CampaignSlugClaimed.parse(claimed.data) : undefined;
    const abandoned =
      claimed !== undefined &&
      claim?.programId === context.tenantId &&
      now.getTime() - claimed.createdAt.getTime() > ABANDONED_SLUG_CLAIM_MS;
    if (!abandoned || (await store.readStream(campaignStream(claim.campaignId), { maxCount: 1 })).length > 0)
      throw error;
    campaignId = claim.campaignId;
  }
  const command = {
    type: 'CreateCampaign' as const,
    data: { campaignId, programId: context.tenantId, currency: settings.currency, details, now: at },
  };
  try {
    const result = await campaigns.handle(campaignId, command, { store, context });
    return { id: campaignId, position: result.position, version: result.version };
  } catch (error) {
    // A refused campaign (dates) must not keep the slug.
    if (error instanceof DomainError) await slugClaimsOf(store, campaignId, context, at)('ReleaseSlug', details.slug);
    throw error;
  }
}
