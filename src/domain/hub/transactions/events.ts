import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { STORE_TYPES } from '../stores/events.js';

/** Where a matched purchase happened, as customer_transactions names it. */
export const purchaseLocation = z.object({ id: z.string(), externalId: z.string(), type: z.enum(STORE_TYPES) });

/** A card transaction's provider, or a scanned receipt (flow 4.4, later). */
export const TRANSACTION_SOURCES = ['bank', 'restaurant', 'scan'] as const;

const transaction = aggregateEvents('transactionId', ['hubId', 'programId']);

/** One stream per provider transaction, `transaction-<uuidv5(connectionId, providerTransactionId)>` (flow 2.2). */
export const transactionEvents = {
  TransactionImported: transaction.opening({
    customerId: z.string(),
    connectionId: z.string(),
    providerTransactionId: z.string(),
    label: z.string(),
    /** Integer minor units; a debit is negative. */
    amount: z.number().int(),
    currency: z.string(),
    /** `YYYY-MM-DD`. */
    purchaseDate: z.string(),
    dateBankingStatement: z.string(),
    dataProviderType: z.enum(TRANSACTION_SOURCES),
    /** The connection's eligible date at import (ISO 8601), which the match was decided against. */
    eligibleFrom: z.string(),
    importedAt: z.string(),
    /** A scan transaction (flow 4.4): the validated receipt that made it (then `connectionId` names the receipt). */
    receiptId: z.string().nullable().optional(),
    /** A scan transaction's time of purchase, `HH:mm`, when the paper gives it. */
    timeOfPurchase: z.string().nullable().optional(),
    /** A transaction made from a claim the program validated without a debit (then `connectionId` names the claim). */
    claimId: z.string().nullable().optional(),
  }),
  TransactionMatched: transaction.event({
    purchaseLocation,
    /** The store pattern found in the label. */
    pattern: z.string(),
    matchedAt: z.string(),
  }),
  TransactionUnmatched: transaction.event({
    reason: z.enum(['notADebit', 'beforeEligibility', 'noStore']),
    unmatchedAt: z.string(),
  }),
  /** The program put an unmatched debit at one of its stores (postTransactionAssociation). */
  TransactionAssociated: transaction.event({
    purchaseLocation,
    associatedAt: z.string(),
    /** The claim this debit backs (flow 5.3): a debit backs one claim at most. */
    claimId: z.string().optional(),
  }),
  /** The program took a matched, unpushed transaction off its store (postTransactionDissociation). */
  TransactionDissociated: transaction.event({ dissociatedAt: z.string() }),
  /**
   * The transaction went out in customer_transactions batch `batchId`: appended with the batch's TransactionsPushed in
   * one write, at the revision the pusher saw, so a dissociation racing the push makes one of them fail.
   */
  TransactionPushed: transaction.event({ batchId: z.string(), pushedAt: z.string() }),
};
export type TransactionEvent = EventOf<typeof transactionEvents>;
