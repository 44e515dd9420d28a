import { submittable, type CashbackState } from '../../../domain/hub/cashbacks/cashback.js';
import type { CommandContext } from '../../shared/command.js';
import { StaleVersionError } from '../../shared/command.js';
import { customers } from '../customers/aggregate.js';
import { loadCustomer } from '../customers/load.js';
import { CASHBACKS_ACTOR, cashbacks, loadCashback, openAccount, type CashbackDeps } from './aggregate.js';
import { refundRewardOf } from './refund-reward.js';

/** A submission older than this with no answer recorded was cut short (a crash): its call is made again. */
export const STUCK_SUBMISSION_MS = 60_000;

export type SubmitOutcome = 'submitted' | 'held' | 'waiting' | 'rejected' | 'skipped' | 'raced';

/** CASHBACK_RETRY_SCHEDULE's waits as the times each retry falls due, from `now`. */
export const retryTimesFrom = (schedule: readonly number[], now: string): string[] =>
  schedule.map((wait) => new Date(Date.parse(now) + wait).toISOString());

type Existing = Exclude<CashbackState, { status: 'none' }>;
const contextOf = (state: Existing): CommandContext => ({
  tenantId: state.requested.programId,
  actor: CASHBACKS_ACTOR,
  causationId: state.requested.cashbackId,
});

/** The submission under way: the port is called with its key and account, and its answer recorded once. */
async function callPort(deps: CashbackDeps, state: Existing): Promise<void> {
  const submission = state.submission;
  if (!submission) return;
  const { cashbackId, amount, currency, label, customerId } = state.requested;
  const box = await deps.box();
  const answer = await deps.payout.submit({
    idempotencyKey: submission.idempotencyKey,
    amount,
    currency,
    label,
    account: openAccount(box, submission.account),
  });
  const now = deps.clock.now().toISOString();
  const context = contextOf(state);
  await cashbacks.handle(
    cashbackId,
    {
      type: 'RecordPayoutAnswer',
      data: { attempt: submission.attempt, answer, retryTimes: retryTimesFrom(deps.retrySchedule, now), now },
    },
    { store: deps.store, context },
  );
  // The favorite account was refused: the customer is asked for another (flow 3.7), once per gap.
  if (answer.status === 'refused' && state.requested.account === null)
    await markMissing(deps, customerId, 'accountRefused', context);
}

async function markMissing(
  deps: CashbackDeps,
  customerId: string,
  reason: 'noAccount' | 'accountRefused',
  context: CommandContext,
): Promise<void> {
  const customer = await loadCustomer(deps.store, customerId);
  if (customer.status !== 'registering') return;
  const now = deps.clock.now().toISOString();
  await customers.handle(
    customerId,
    { type: 'MarkCashbackMethodMissing', data: { reason, now } },
    {
      store: deps.store,
      context,
    },
  );
}

/**
 * cashbackSubmit for one cashback. The submission is decided on the cashback's stream at the revision it was read at,
 * BEFORE the port is called: of two workers only the one whose CashbackSubmitted lands calls the port, with the
 * attempt's idempotency key. Without an account the cashback is held and the customer's method said missing; a
 * deleted customer's is rejected. A submission left without an answer (a crash) is called again with the same key.
 */
export async function submitCashback(deps: CashbackDeps, cashbackId: string): Promise<SubmitOutcome> {
  const now = deps.clock.now();
  const { state, version } = await loadCashback(deps.store, cashbackId);
  if (state.status === 'none') return 'skipped';
  if (state.status === 'submitted') {
    const since = now.getTime() - Date.parse(state.submission?.submittedAt ?? now.toISOString());
    if (since < STUCK_SUBMISSION_MS) return 'skipped';
    await callPort(deps, state);
    return 'submitted';
  }
  const at = now.toISOString();
  if (!submittable(state, at)) return 'skipped';
  const context = contextOf(state);
  const options = { store: deps.store, context, expectedRevision: version };
  const customer = await loadCustomer(deps.store, state.requested.customerId);
  try {
    if (customer.status !== 'registering') {
      await cashbacks.handle(
        cashbackId,
        { type: 'RejectCashback', data: { reason: 'customerDeleted', now: at } },
        options,
      );
      return 'rejected';
    }
    const sealed = state.requested.account ?? customer.favoriteAccount?.account ?? null;
    if (sealed === null) {
      // Still no account: it waits, and the customer was told once already.
      if (state.held) return 'waiting';
      await cashbacks.handle(cashbackId, { type: 'HoldCashback', data: { now: at } }, options);
      await markMissing(deps, customer.customerId, 'noAccount', context);
      return 'held';
    }
    const last4 = state.requested.account === null ? (customer.favoriteAccount?.last4 ?? '') : '';
    const accountLast4 = last4 || openAccountLast4(await deps.box(), sealed);
    const result = await cashbacks.handle(
      cashbackId,
      { type: 'SubmitCashback', data: { account: sealed, accountLast4, now: at } },
      options,
    );
    if (result.events.length === 0 || result.state.status === 'none') return 'skipped';
    await callPort(deps, result.state);
    return 'submitted';
  } catch (error) {
    // Another worker moved this cashback since it was read: what it decided stands.
    if (error instanceof StaleVersionError) return 'raced';
    throw error;
  }
}

function openAccountLast4(box: Awaited<ReturnType<CashbackDeps['box']>>, sealed: string): string {
  const account = openAccount(box, sealed);
  return (account.kind === 'iban' ? account.iban : account.accountNumber).slice(-4);
}

export type SettleOutcome = 'received' | 'pending' | 'skipped';

/** cashbackSettle for one cashback: an accepted transfer the provider says settled is RECEIVED; a reward's refunded. */
export async function settleCashback(deps: CashbackDeps, cashbackId: string): Promise<SettleOutcome> {
  const { state } = await loadCashback(deps.store, cashbackId);
  if (state.status !== 'succeeded' || state.transferId === null || state.succeededAt === null) return 'skipped';
  const now = deps.clock.now().toISOString();
  const settled = await deps.payout.settlement({ transferId: state.transferId, acceptedAt: state.succeededAt, now });
  if (settled === 'pending') return 'pending';
  const result = await cashbacks.handle(
    cashbackId,
    { type: 'SettleCashback', data: { now } },
    { store: deps.store, context: contextOf(state) },
  );
  if (result.events.length === 0) return 'skipped';
  await refundIfReward(deps, state, now);
  return 'received';
}

/** Contract item 4: a reward's cashback RECEIVED makes the reward `refunded` (once: refundReward is idempotent). */
export async function refundIfReward(deps: CashbackDeps, state: Existing, at: string): Promise<void> {
  const { rewardId, cashbackId } = state.requested;
  if (rewardId !== null) await refundRewardOf(deps, { rewardId, cashbackId, at });
}

/** Flow 1.8: a deleted customer's cashbacks that are not with the provider are rejected. */
export async function rejectForDeletedCustomer(deps: CashbackDeps, cashbackId: string): Promise<boolean> {
  const { state } = await loadCashback(deps.store, cashbackId);
  if (state.status === 'none') return false;
  const now = deps.clock.now().toISOString();
  const result = await cashbacks.handle(
    cashbackId,
    { type: 'RejectCashback', data: { reason: 'customerDeleted', now } },
    { store: deps.store, context: contextOf(state) },
  );
  return result.events.length > 0;
}
