import { claimDecider, unknownClaim, type ClaimState } from '../../../domain/hub/claims/claim.js';
import { claimEvents, type ClaimCode, type ClaimEvent } from '../../../domain/hub/claims/events.js';
import type { ClaimFacts } from '../../../domain/hub/claims/rules.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { transactionDecider } from '../../../domain/hub/transactions/transaction.js';
import { DomainError, refused } from '../../../domain/shared/errors.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { claimStream, scanTransactionIdOf, transactionStream } from '../streams.js';

export const claims = aggregate({ decider: claimDecider, events: claimEvents, stream: claimStream });
const transactions = aggregate({ decider: transactionDecider, events: transactionEvents, stream: transactionStream });

type Filed = Extract<ClaimEvent, { type: 'ClaimFiled' }>['data'];
type By = Extract<ClaimEvent, { type: 'ClaimValidated' }>['data']['by'];
export type ClaimResult = CommandResult<ClaimState>;

export interface ClaimDeps extends CommandDeps {
  /** What the read models know around the claim (flow 5.2). */
  readonly facts: (claim: Filed) => Promise<ClaimFacts>;
  /**
   * The debits that may back the claim, best first: one already associated with this very claim (a crash between
   * the two appends), then the customer's unmatched debits, amount ±0.01 and date ±3 days (flow 5.3).
   */
  readonly candidates: (claim: Filed) => Promise<string[]>;
}

const handleOptions = (deps: CommandDeps, context: CommandContext) => ({ store: deps.store, context });

/**
 * The association is decided on the debit's own stream at its revision: of two claims after one debit, one is
 * associated, the other refused (and tries the next debit, or waits).
 */
async function associate(deps: CommandDeps, filed: Filed, transactionId: string, context: CommandContext) {
  const command = {
    type: 'AssociateClaim' as const,
    data: {
      purchaseLocation: { id: filed.store.id, externalId: filed.store.externalId, type: filed.store.type },
      claimId: filed.claimId,
      now: deps.clock.now().toISOString(),
    },
  };
  try {
    return await transactions.handle(transactionId, command, handleOptions(deps, context));
  } catch (error) {
    if (error instanceof DomainError && (error.errorName === 'operation_refused' || error.errorName === 'not_found'))
      return undefined;
    throw error;
  }
}

/** Flow 5.3: the first free debit that fits backs the claim, which is then validated; none: it waits. */
export async function matchClaim(deps: ClaimDeps, claim: ClaimResult, by: By, context: CommandContext) {
  if (claim.state.status !== 'pending') return claim;
  const filed = claim.state.filed;
  for (const transactionId of await deps.candidates(filed)) {
    const associated = await associate(deps, filed, transactionId, context);
    if (!associated) continue;
    const now = deps.clock.now().toISOString();
    return claims.handle(
      filed.claimId,
      { type: 'ValidateClaim', data: { transactionId, by, now } },
      handleOptions(deps, context),
    );
  }
  return claim;
}

/** postTransactionAssignmentComplaint (flow 5.1–5.3): filed, checked, matched when a debit fits. */
export async function fileClaim(deps: ClaimDeps, filed: Omit<Filed, 'filedAt'>, context: CommandContext) {
  const now = () => deps.clock.now().toISOString();
  const opened = await claims.handle(
    filed.claimId,
    { type: 'FileClaim', data: { ...filed, now: now() } },
    {
      store: deps.store,
      context,
    },
  );
  if (opened.state.status === 'none') return opened;
  const facts = await deps.facts(opened.state.filed);
  const checked = await claims.handle(
    filed.claimId,
    { type: 'CheckClaim', data: { facts, now: now() } },
    handleOptions(deps, context),
  );
  const matched = await matchClaim(deps, checked, 'automatic', context);
  return { ...matched, position: matched.position ?? checked.position ?? opened.position };
}

/** The claim as its stream says. */
export async function loadClaim(store: EventStore, claimId: string): Promise<ClaimState> {
  return (await foldStream(store, claimDecider, claimEvents, claimStream(claimId))).state;
}

/** A transaction made from a claim the program validates without a debit: at its store, pushed like any. */
function makeClaimTransaction(deps: CommandDeps, filed: Filed, context: CommandContext) {
  const transactionId = scanTransactionIdOf(filed.claimId);
  const command = {
    type: 'ImportTransaction' as const,
    data: {
      transactionId,
      hubId: filed.hubId,
      programId: filed.programId,
      customerId: filed.customerId,
      connectionId: filed.claimId,
      providerTransactionId: filed.claimId,
      label: `CLAIM ${filed.store.name}`,
      amount: filed.amount,
      currency: filed.currency,
      purchaseDate: filed.transactionDate,
      dateBankingStatement: filed.transactionDate,
      dataProviderType: filed.attachment ? ('scan' as const) : ('bank' as const),
      eligibleFrom: filed.transactionDate,
      claimId: filed.claimId,
      outcome: {
        matched: true as const,
        purchaseLocation: { id: filed.store.id, externalId: filed.store.externalId, type: filed.store.type },
        pattern: '',
      },
      now: deps.clock.now().toISOString(),
    },
  };
  return transactions.handle(transactionId, command, handleOptions(deps, context));
}

/**
 * The program validates: with `transactionId` (an unmatched debit of the customer, checked by the caller) that debit
 * backs it; without, a transaction is made from the claim. A decided claim is refused before anything is written.
 */
export async function validateClaim(
  deps: CommandDeps,
  claimId: string,
  transactionId: string | null,
  context: CommandContext,
) {
  const state = await loadClaim(deps.store, claimId);
  if (state.status === 'none') throw unknownClaim();
  if (state.status !== 'pending')
    throw refused('this claim is decided already', [{ field: 'claimId', message: state.status, code: 'claimDecided' }]);
  const backing = transactionId ?? scanTransactionIdOf(claimId);
  if (transactionId === null) await makeClaimTransaction(deps, state.filed, context);
  else if (!(await associate(deps, state.filed, transactionId, context)))
    throw refused('this transaction cannot back the claim: it is not an unmatched debit', [
      { field: 'transactionId', message: 'matched already, or a credit', code: 'transactionAlreadyAssociated' },
    ]);
  const now = deps.clock.now().toISOString();
  return claims.handle(
    claimId,
    { type: 'ValidateClaim', data: { transactionId: backing, by: 'program', now } },
    handleOptions(deps, context),
  );
}

export async function rejectClaim(
  deps: CommandDeps,
  claimId: string,
  rejection: { code: ClaimCode; rejectionReason: string; by: By },
  context: CommandContext,
) {
  const command = { type: 'RejectClaim' as const, data: { ...rejection, now: deps.clock.now().toISOString() } };
  return claims.handle(claimId, command, handleOptions(deps, context));
}
