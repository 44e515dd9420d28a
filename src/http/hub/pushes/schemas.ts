import { z } from 'zod';
import { currency, text } from '../fields.js';

/** sendCustomerTransactionsWebhook's body (seed 004). */
export const testTransactionsBody = z.strictObject({
  minTransactions: z.number().int().min(1).max(100).default(1),
  maxTransactions: z.number().int().min(1).max(100).default(3),
  customersExternalIds: z.array(text(100)).min(1).max(100),
  purchaseLocationsExternalIds: z.array(text(100)).min(1).max(100),
  currency: currency.default('EUR'),
});
