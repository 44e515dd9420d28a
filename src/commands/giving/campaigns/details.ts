import type { CampaignDetails, CampaignManager } from '../../../domain/giving/campaigns/events.js';
import { claimCommand } from '../../../domain/shared/unique-claim.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { idsFor, type IdSource } from '../../ids.js';
import type { CommandContext } from '../../shared/command.js';
import { slugClaims } from './aggregate.js';
import { campaignUrl, userUrl } from './urls.js';

/** A manager as a client names them: the id is kept when given (an existing user), else one is made. */
export interface ManagerInput {
  readonly id?: string | undefined;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly picture: string | null;
}

export interface CampaignInput {
  readonly title: string;
  readonly description: string;
  readonly slug: string;
  /** Minor units. */
  readonly goal: number;
  readonly startAt: string;
  readonly endAt: string | null;
  readonly image: { readonly url: string } | null;
  readonly managers: readonly ManagerInput[];
}

const normaliseSlug = (slug: string): string => slug.trim().toLowerCase();

function toManagers(managers: readonly ManagerInput[], baseUrl: string, ids: IdSource): CampaignManager[] {
  return managers.map((m) => {
    const userId = m.id ?? ids.next();
    return {
      userId,
      firstName: m.firstName,
      lastName: m.lastName,
      email: m.email.trim().toLowerCase(),
      phone: m.phone,
      picture: m.picture,
      url: userUrl(baseUrl, userId),
    };
  });
}

/** The input with the ids and urls the domain wants. */
export function toDetails(
  input: Partial<CampaignInput>,
  baseUrl: string,
  ids: IdSource = idsFor({}),
): Partial<CampaignDetails> {
  const slug = input.slug === undefined ? undefined : normaliseSlug(input.slug);
  const details: Partial<CampaignDetails> = {
    title: input.title,
    description: input.description,
    slug,
    goal: input.goal,
    startAt: input.startAt,
    endAt: input.endAt,
    image: input.image === undefined ? undefined : input.image && { url: input.image.url },
    managers: input.managers && toManagers(input.managers, baseUrl, ids),
    url: slug === undefined ? undefined : campaignUrl(baseUrl, slug),
  };
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
}

/** Claims or releases slugs for a campaign: a slug's claim stream is shared by every program. */
export const slugClaimsOf =
  (store: EventStore, campaignId: string, context: CommandContext, now: string) =>
  (type: 'ClaimSlug' | 'ReleaseSlug', slug: string) =>
    slugClaims.handle(slug, claimCommand('ClaimSlug', type, { slug, campaignId, now }, context.tenantId), {
      store,
      context,
    });
