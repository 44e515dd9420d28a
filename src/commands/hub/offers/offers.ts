import { offerEvents, type OfferSettings } from '../../../domain/hub/offers/events.js';
import { offerDecider } from '../../../domain/hub/offers/offer.js';
import { idsFor } from '../../ids.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { offerStream } from '../streams.js';

/** One offer of a hub: `offer-<offerId>`. */
export const offers = aggregate({ decider: offerDecider, events: offerEvents, stream: offerStream });

/** Create a new challenge → OfferCreated (offer_updated `created`); a retry with its Idempotency-Key meets it. */
export async function createOffer(deps: CommandDeps, hubId: string, settings: OfferSettings, context: CommandContext) {
  const offerId = idsFor(context).next();
  const result = await offers.run(deps, offerId, context, ({ programId, now }) => ({
    type: 'CreateOffer',
    data: { offerId, hubId, settings, programId, now },
  }));
  return { ...result, offerId };
}

/** Update challenge → OfferUpdated with the fields that change (If-Match: a stale version is 412). */
export function updateOffer(
  deps: CommandDeps,
  offerId: string,
  change: { changes: Partial<OfferSettings>; storeChanges?: { added: string[]; removed: string[] } | undefined },
  context: CommandContext,
  expectedRevision: bigint | undefined,
) {
  return offers.run(
    deps,
    offerId,
    context,
    ({ programId, now }) => ({
      type: 'UpdateOffer',
      data: {
        changes: change.changes,
        ...(change.storeChanges ? { storeChanges: change.storeChanges } : {}),
        programId,
        now,
      },
    }),
    { expectedRevision },
  );
}

/** Delete challenge: deactivates it (its rewards stay). */
export function deactivateOffer(
  deps: CommandDeps,
  offerId: string,
  context: CommandContext,
  expectedRevision?: bigint,
) {
  return offers.run(
    deps,
    offerId,
    context,
    ({ programId, now }) => ({ type: 'DeactivateOffer', data: { programId, now } }),
    {
      expectedRevision,
    },
  );
}
