import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import type { PurchaseLocation } from '../../../domain/hub/transactions/matching-rules.js';
import { transactionDecider } from '../../../domain/hub/transactions/transaction.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { transactionStream } from '../streams.js';

const transactions = aggregate({ decider: transactionDecider, events: transactionEvents, stream: transactionStream });

/** postTransactionAssociation: an unmatched debit put at a store of the hub; pushed in the next batch. */
export function associateTransaction(
  { store, clock }: CommandDeps,
  transactionId: string,
  purchaseLocation: PurchaseLocation,
  context: CommandContext,
) {
  const command = {
    type: 'AssociateTransaction' as const,
    data: { purchaseLocation, now: clock.now().toISOString() },
  };
  return transactions.handle(transactionId, command, { store, context });
}

/**
 * postTransactionDissociation: decided on the transaction's stream, which holds its TransactionPushed once it went out
 * (then refused: it stays where it was sent). A push appends that at the revision it saw, so whichever of the two
 * comes second meets the other's event and loses.
 */
export function dissociateTransaction({ store, clock }: CommandDeps, transactionId: string, context: CommandContext) {
  const command = { type: 'DissociateTransaction' as const, data: { now: clock.now().toISOString() } };
  return transactions.handle(transactionId, command, { store, context });
}
