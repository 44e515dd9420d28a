import type { PostalAddress } from '../../../domain/giving/address.js';
import type { DonationState, RecordDonationData } from '../../../domain/giving/donations/donation.js';
import { idsFor } from '../../ids.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { donations } from './aggregate.js';
import { giftRecord, type DonationFactsDeps, type GiftInput } from './donation-facts.js';

/*
 * How a recurring plan's billing (and any other process) records a donation:
 * the giving donations part owns the implementation and keeps this signature.
 * The fees come from the program's settings (see src/domain/giving/donations/fees.ts:
 * `donationAmounts` tells a caller what to charge: the gift plus the covered fee).
 */

export interface SupporterInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly address: Readonly<PostalAddress> | null;
}

export interface RecordDonationInput extends GiftInput {
  /** Deterministic when the caller may retry (a plan's period), so a retry records nothing twice. */
  readonly donationId: string;
  readonly planId: string | null;
  /** The charge already made by the caller, or its failure. */
  readonly status: 'succeeded' | 'failed';
  readonly chargeId: string | null;
  readonly supporter: SupporterInput;
  readonly now: string;
}

/** Only the event store: the facts a donation is decided against are folded from their streams. */
export type RecordDonationDeps = DonationFactsDeps;

/** Records the donation once: a second call with the same donationId returns the first result and appends nothing. */
export async function recordDonation(
  deps: RecordDonationDeps,
  input: RecordDonationInput,
  context: CommandContext,
): Promise<CommandResult<DonationState> & { readonly id: string }> {
  const data: RecordDonationData = {
    ...(await giftRecord(deps, input.donationId, input, context.tenantId)),
    paymentStatus: input.status,
    chargeId: input.chargeId,
    supporter: input.supporter,
    lineItems: [],
    defaultLineItemId: idsFor(context).next(),
    utm: null,
    givingSpace: null,
    planId: input.planId,
    teamId: null,
    userId: null,
    now: input.now,
  };
  const result = await donations.handle(
    input.donationId,
    { type: 'RecordDonation', data },
    { store: deps.store, context },
  );
  return { ...result, id: input.donationId };
}
