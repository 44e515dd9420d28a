import { z } from 'zod';
import { nullableText, shoppingHubIds } from './common.js';

/*
 * Seed 004's customer, transaction, receipt and cashback events, field for field
 * as its "Webhooks" section shows them: flat JSON bodies naming the event in `event`.
 * Where the parameter list and the example disagree on nesting (the shopping hub
 * ids of customer_transactions and cashbacks_updated), the example wins: top level.
 */

export const dataProviderType = z.enum(['bank', 'restaurant', 'scan']);

export const customerCreation = z.strictObject({
  event: z.literal('customer_creation'),
  customerExternalId: z.string(),
  customerId: z.string(),
  ...shoppingHubIds,
});

export const customerSubscription = z.strictObject({
  event: z.literal('customer_subscription'),
  customerExternalId: z.string(),
  status: z.enum(['creation', 'deletion', 'update']),
  customerId: z.string(),
  credentialsPreviouslyUsed: z.boolean(),
  /** ISO 8601, e.g. "2020-07-13T11:34:41+01:00". */
  registrationDate: z.string(),
  transactionsEligibleFromDate: z.string(),
  /** "not required" in the seed. */
  dataProviderType: dataProviderType.optional(),
  ...shoppingHubIds,
});

export const purchaseLocation = z.strictObject({
  id: z.string(),
  externalId: z.string(),
  type: z.enum(['service', 'store']),
});

/* The seed types some ids "[uuid]"; ours are strings, whatever form the id source gives them. */
export const shoppingTransaction = z.strictObject({
  id: z.string().min(1),
  /** A float in the seed (`-10.53`): a purchase is negative, as on the bank statement. */
  amount: z.number(),
  currency: z.string().length(3),
  /** "2023-01-12" */
  purchaseDate: z.string(),
  dateBankingStatement: z.string(),
  customerId: z.string(),
  customerExternalId: z.string(),
  purchaseLocation,
  dataProviderType,
  receiptId: nullableText,
  /** Only for scanned receipts ("2023-01-15 13:09:00.000000 +00:00"), else null. */
  timeOfPurchase: nullableText,
});

/** Several transactions at a time, in one array. */
export const customerTransactions = z.strictObject({
  event: z.literal('customer_transactions'),
  transactions: z.array(shoppingTransaction).min(1),
  ...shoppingHubIds,
});

export const receiptRejectionReason = z.enum([
  'beforeRegistration',
  'duplicate',
  'incomplete',
  'notATicket',
  'outOfMall',
  'notInClientReferential',
  'unknown',
]);

export const receiptUpdated = z.strictObject({
  event: z.literal('receipt_updated'),
  receiptId: z.string().min(1),
  status: z.enum(['pending', 'validated', 'rejected']),
  customerId: z.string(),
  customerExternalId: z.string(),
  ...shoppingHubIds,
  /** null unless the receipt is rejected. */
  rejectionReason: receiptRejectionReason.nullable(),
});

export const cashbackMethodUpdated = z.strictObject({
  event: z.literal('cashback_method_updated'),
  customerId: z.string(),
  customerExternalId: z.string(),
  status: z.enum(['missing', 'retrieved']),
  ...shoppingHubIds,
});

export const cashback = z.strictObject({
  status: z.enum(['SUCCEEDED', 'FAILED', 'RECEIVED', 'REJECTED']),
  transferId: z.string(),
  /** "an optional reference of the cashback in your system". */
  externalId: z.string().nullable().optional(),
});

export const cashbacksUpdated = z.strictObject({
  event: z.literal('cashbacks_updated'),
  cashbacks: z.array(cashback).min(1),
  customerId: z.string(),
  customerExternalId: z.string(),
  ...shoppingHubIds,
});

export const storeListUpdated = z.strictObject({
  event: z.literal('store_list_updated'),
  requestId: z.string(),
  result: z.enum(['success', 'failed']),
  resultDetail: z.string().optional(),
  ...shoppingHubIds,
});
