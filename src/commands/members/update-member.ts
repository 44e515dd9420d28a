import type { ProfileChanges, SubscriptionPlan } from '../../domain/members/events.js';
import type { memberDecider } from '../../domain/members/member.js';
import { claimCommand } from '../../domain/shared/unique-claim.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { PaymentProvider } from '../../platform/payments/index.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { emailClaims, members, memberStream } from './aggregates.js';
import { checkChosenCause } from './chosen-cause.js';
import { chargeFirstPeriod, refundUnrecorded } from './first-charge.js';
import type { PaymentMethods } from './payment-methods.js';
import { emailClaimStream } from './register-member.js';

export interface UpdateMemberInput {
  readonly changes: ProfileChanges;
  /** M or Y subscribe (or change plan), X stops the subscription and nothing else changes. */
  readonly subscription?: SubscriptionPlan | 'X';
  /** Minor units per period. */
  readonly amount?: number;
  readonly currency: string;
  /** A payment-method token (stripeToken): charged when the PATCH starts a subscription, kept sealed for renewals. */
  readonly paymentToken?: string;
}

/** What subscribing needs: the provider, where the card is kept, and the program's cause share. */
export interface BillingDeps {
  readonly payments: PaymentProvider;
  readonly paymentMethods: PaymentMethods;
  readonly causeSharePercent: number;
}

type Result = CommandResult<ReturnType<typeof memberDecider.initialState>>;

async function stop(
  store: EventStore,
  memberId: string,
  context: CommandContext,
  expectedVersion: bigint | undefined,
  now: Date,
): Promise<Result> {
  const command = { type: 'StopSubscription' as const, data: { now: now.toISOString() } };
  return members.handle(memberId, command, { store, context, expectedRevision: expectedVersion });
}

/** Claims a new email, or releases one, on the program's email claim stream. */
function claimsOf(store: EventStore, memberId: string, context: CommandContext, at: string) {
  return (type: 'ClaimEmail' | 'ReleaseEmail', address: string) =>
    emailClaims.handle(
      emailClaimStream(context.tenantId, address),
      claimCommand('ClaimEmail', type, { email: address, memberId, now: at }, context.tenantId),
      { store, context },
    );
}

/**
 * A profile PATCH. A new email is claimed before the change and the old one
 * released after it; if the change itself is refused, the new claim is released.
 * A named cause is checked first (see checkChosenCause). Starting a subscription
 * charges its first period before the append: a decline refuses the whole PATCH,
 * and a charge the append did not record is refunded.
 */
export async function updateMember(
  { store, clock }: CommandDeps,
  memberId: string,
  input: UpdateMemberInput,
  context: CommandContext,
  /** `currentEmail`: the member's email as the read model has it, needed when `changes.email` is given. */
  options: { expectedVersion?: bigint; currentEmail?: string; billing: BillingDeps },
): Promise<Result> {
  const now = clock.now();
  if (input.subscription === 'X') return stop(store, memberId, context, options.expectedVersion, now);
  const { causeId } = input.changes;
  if (typeof causeId === 'string') await checkChosenCause(store, context.tenantId, causeId);
  const at = now.toISOString();
  const stream = memberStream(memberId);
  const email = input.changes.email?.trim().toLowerCase();
  if (email !== undefined && options.currentEmail === undefined)
    throw new Error('changing the email needs the current one, whose claim is released');
  const newEmail = email !== undefined && email !== options.currentEmail ? email : undefined;
  const claim = claimsOf(store, memberId, context, at);
  const { billing } = options;
  const payment = input.subscription
    ? await chargeFirstPeriod(store, stream, billing.payments, {
        memberId,
        programId: context.tenantId,
        amount: input.amount ?? null,
        causeId: input.changes.causeId ?? null,
        currency: input.currency,
        token: input.paymentToken,
        causeSharePercent: billing.causeSharePercent,
        expectedVersion: options.expectedVersion,
      })
    : undefined;
  const refund = async () => {
    if (payment && input.amount !== undefined)
      await refundUnrecorded(store, stream, billing.payments, context.tenantId, payment, input.amount);
  };
  if (newEmail) await claim('ClaimEmail', newEmail);
  const subscribe = input.subscription
    ? {
        plan: input.subscription,
        amount: input.amount ?? null,
        currency: input.currency,
        causeId: input.changes.causeId ?? null,
        ...(payment ? { payment } : {}),
      }
    : null;
  const changes = { ...input.changes, ...(email !== undefined ? { email } : {}) };
  const command = { type: 'PatchMember' as const, data: { changes, subscribe, now: at } };
  let result: Result;
  try {
    result = await members.handle(memberId, command, { store, context, expectedRevision: options.expectedVersion });
  } catch (error) {
    if (newEmail) await claim('ReleaseEmail', newEmail);
    await refund();
    throw error;
  }
  await refund();
  if (newEmail && options.currentEmail) await claim('ReleaseEmail', options.currentEmail);
  const subscribed = result.state.status === 'registered' && result.state.subscription !== null;
  if (input.paymentToken && subscribed)
    await billing.paymentMethods.save(memberId, context.tenantId, input.paymentToken, now);
  return result;
}
