import { foldStream } from '../fold-stream.js';
import { randomUUID } from 'node:crypto';
import { firstChargeKey } from '../../domain/members/billing.js';
import { memberEvents } from '../../domain/members/events.js';
import { memberDecider, startsSubscription, type MemberState } from '../../domain/members/member.js';
import type { Payment } from '../../domain/members/subscription.js';
import { refused } from '../../domain/shared/errors.js';
import { sha256Hex } from '../../platform/crypto.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { PaymentProvider } from '../../platform/payments/index.js';
import { StaleVersionError } from '../shared/command.js';
import { checkChosenCause } from './chosen-cause.js';

export interface FirstChargeRequest {
  readonly memberId: string;
  readonly programId: string;
  readonly amount: number | null;
  readonly causeId: string | null;
  readonly currency: string;
  readonly token: string | undefined;
  readonly causeSharePercent: number;
  readonly expectedVersion: bigint | undefined;
}

/** The member as recorded; a stale If-Match is refused here, before any card is charged. */
async function currentState(
  store: EventStore,
  stream: string,
  expectedVersion: bigint | undefined,
): Promise<MemberState> {
  const { state, version } = await foldStream(store, memberDecider, memberEvents, stream);
  if (expectedVersion !== undefined && expectedVersion !== version)
    throw new StaleVersionError(stream, expectedVersion, version);
  return state;
}

/**
 * Charges the first period when this PATCH starts a subscription: undefined
 * when it does not (a plan or amount change is billed from the next period),
 * or when there is no amount (the decider refuses that). The key names the
 * member, the subscription's number and the card, so a repeated request
 * charges once and a declined card can be followed by another.
 */
export async function chargeFirstPeriod(
  store: EventStore,
  stream: string,
  payments: PaymentProvider,
  request: FirstChargeRequest,
): Promise<(Payment & { key: string }) | undefined> {
  const state = await currentState(store, stream, request.expectedVersion);
  if (state.status !== 'registered' || !startsSubscription(state) || request.amount === null) return undefined;
  if ((request.causeId ?? state.causeId) === null)
    throw refused('choose a cause (cause_id) to subscribe: each payment gives to it', [
      { field: 'cause_id', message: 'required to subscribe' },
    ]);
  // The cause chosen earlier may have been switched off since; a cause named in this request is checked by the caller.
  if (request.causeId === null && state.causeId !== null)
    await checkChosenCause(store, request.programId, state.causeId);
  if (!request.token)
    throw refused('a payment token (stripeToken) is required to subscribe', [
      { field: 'stripeToken', message: 'required to subscribe' },
    ]);
  const key = firstChargeKey(request.memberId, state.subscriptionsStarted + 1, sha256Hex(request.token).slice(0, 24));
  const outcome = await payments.charge({
    idempotencyKey: key,
    programId: request.programId,
    amount: request.amount,
    currency: request.currency,
    token: request.token,
    description: 'membership, first period',
  });
  return { key, outcome, causeSharePercent: request.causeSharePercent, donationId: randomUUID() };
}

/** Whether a charge id is recorded on the stream (by this request or a concurrent twin with the same key). */
export async function chargeRecorded(store: EventStore, stream: string, chargeId: string): Promise<boolean> {
  const recorded = await store.readStream(stream);
  return recorded.some(
    (e) => e.type === 'SubscriptionCharged' && (e.data as { chargeId?: unknown }).chargeId === chargeId,
  );
}

/** A charge made for a PATCH that did not record it (a lost race, a stale If-Match): given back. */
export async function refundUnrecorded(
  store: EventStore,
  stream: string,
  payments: PaymentProvider,
  programId: string,
  payment: Payment & { key: string },
  amount: number,
): Promise<void> {
  if (payment.outcome.status !== 'succeeded') return;
  if (await chargeRecorded(store, stream, payment.outcome.chargeId)) return;
  await payments.refund({
    idempotencyKey: `refund:${payment.key}`,
    programId,
    chargeId: payment.outcome.chargeId,
    amount,
  });
}
