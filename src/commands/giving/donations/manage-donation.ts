import { assertRefundable, donationDecider, type DonationState } from '../../../domain/giving/donations/donation.js';
import { donationEvents, type Supporter } from '../../../domain/giving/donations/events.js';
import { refused } from '../../../domain/shared/errors.js';
import type { PaymentProvider } from '../../../platform/payments/index.js';
import { foldStream } from '../../fold-stream.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { donationStream } from '../streams.js';
import { donations } from './aggregate.js';

type Result = CommandResult<DonationState>;

export function updateDonationSupporter(
  { store, clock }: CommandDeps,
  donationId: string,
  changes: Partial<Supporter>,
  context: CommandContext,
  options: { readonly expectedVersion?: bigint | undefined },
): Promise<Result> {
  const command = {
    type: 'UpdateSupporter' as const,
    data: { programId: context.tenantId, changes, now: clock.now().toISOString() },
  };
  return donations.handle(donationId, command, { store, context, expectedRevision: options.expectedVersion });
}

export function deleteDonation(
  { store, clock }: CommandDeps,
  donationId: string,
  context: CommandContext,
): Promise<Result> {
  const command = {
    type: 'DeleteDonation' as const,
    data: { programId: context.tenantId, now: clock.now().toISOString() },
  };
  return donations.handle(donationId, command, { store, context });
}

/**
 * Refunds through the processor when the donation was charged through it (the
 * key is the donation's, so a retried or racing refund is refunded once), then
 * records the refund; a check or cash donation is only recorded as refunded.
 */
export async function refundDonation(
  deps: CommandDeps & { readonly payments: PaymentProvider },
  donationId: string,
  context: CommandContext,
): Promise<Result> {
  const now = deps.clock.now();
  const { state } = await foldStream(deps.store, donationDecider, donationEvents, donationStream(donationId));
  const { donation } = assertRefundable(state, context.tenantId);
  let refundId: string | null = null;
  if (donation.chargeId !== null) {
    const refund = await deps.payments.refund({
      idempotencyKey: `refund:${donationId}`,
      programId: context.tenantId,
      chargeId: donation.chargeId,
      amount: donation.amount,
    });
    if (refund.status === 'failed') throw refused(`the payment processor refused the refund: ${refund.reason}`);
    refundId = refund.refundId;
  }
  const command = {
    type: 'RefundDonation' as const,
    data: { programId: context.tenantId, refundId, now: now.toISOString() },
  };
  return donations.handle(donationId, command, { store: deps.store, context });
}
