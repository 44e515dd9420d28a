import {
  donationDecider,
  type DonationState,
  type RecordDonationData,
} from '../../../domain/giving/donations/donation.js';
import type { LineItem, Supporter, Utm } from '../../../domain/giving/donations/events.js';
import type { PaymentProvider } from '../../../platform/payments/index.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { donations } from './aggregate.js';
import { giftRecord, type GiftInput } from './donation-facts.js';

/** The gift's `amount` is charged with a covered fee on top. */
export interface CreateDonationInput extends GiftInput {
  /** A card's payment-method token: charged now. Without one a card donation is an uncaptured pledge (`authorized`). */
  readonly paymentToken: string | null;
  readonly supporter: Supporter;
  readonly lineItems: ReadonlyArray<Omit<LineItem, 'id'>>;
  readonly utm: Utm | null;
  readonly givingSpace: { readonly id: string; readonly name: string } | null;
  readonly userId: string | null;
  readonly teamId: string | null;
}

export interface CreateDonationDeps extends CommandDeps {
  readonly payments: PaymentProvider;
}

/**
 * Checks the donation first (nothing is charged for a donation that would be
 * refused), charges a card with a token under a key derived from the donation,
 * then records it with what the charge came to: a declined card is recorded as
 * a `failed` transaction, so the program sees the attempt.
 */
export async function createDonation(
  deps: CreateDonationDeps,
  input: CreateDonationInput,
  context: CommandContext,
): Promise<CommandResult<DonationState> & { readonly id: string }> {
  const now = deps.clock.now();
  const ids = idsFor(context);
  const donationId = ids.next();
  const data: RecordDonationData = {
    ...(await giftRecord(deps, donationId, input, context.tenantId)),
    paymentStatus: input.method === 'card' ? 'authorized' : 'succeeded',
    chargeId: null,
    supporter: input.supporter,
    lineItems: input.lineItems.map((item) => ({ ...item, id: ids.next() })),
    defaultLineItemId: ids.next(),
    utm: input.utm,
    givingSpace: input.givingSpace,
    planId: null,
    teamId: input.teamId,
    userId: input.userId,
    now: now.toISOString(),
  };
  const [planned] = donationDecider.decide({ type: 'RecordDonation', data }, donationDecider.initialState());
  let payment: Pick<RecordDonationData, 'paymentStatus' | 'chargeId'> = {
    paymentStatus: data.paymentStatus,
    chargeId: null,
  };
  if (planned?.type === 'DonationRecorded' && input.method === 'card' && input.paymentToken !== null) {
    const charged = await deps.payments.charge({
      idempotencyKey: `donation:${donationId}`,
      programId: context.tenantId,
      amount: planned.data.amount,
      currency: planned.data.currency,
      token: input.paymentToken,
      description: `donation ${donationId}`,
    });
    payment =
      charged.status === 'succeeded'
        ? { paymentStatus: 'succeeded', chargeId: charged.chargeId }
        : { paymentStatus: 'failed', chargeId: null };
  }
  const command = { type: 'RecordDonation' as const, data: { ...data, ...payment } };
  const result = await donations.handle(donationId, command, { store: deps.store, context });
  return { ...result, id: donationId };
}
