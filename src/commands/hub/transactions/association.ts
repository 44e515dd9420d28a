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

/** postTransactionDissociation; `pushed` as the read model shows it (a pushed one stays where it was sent). */
export function dissociateTransaction(
  { store, clock }: CommandDeps,
  transactionId: string,
  pushed: boolean,
  context: CommandContext,
) {
  const command = { type: 'DissociateTransaction' as const, data: { pushed, now: clock.now().toISOString() } };
  return transactions.handle(transactionId, command, { store, context });
}
