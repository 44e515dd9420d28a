import type { TransactionRow } from '../../../projections/hub/transactions/queries.js';
import { formatMinor } from '../../webhooks/payloads/index.js';
import type { WebhookPayload } from '../../webhooks/payloads/index.js';

export type TransactionItem = WebhookPayload<'customer_transactions'>['transactions'][number];

/**
 * A transaction in the seed's customer_transactions item shape: a Float amount, debits negative. The webhook, the
 * pushed list and the customer's lists all show this one shape (decision 47). Only matched transactions have a
 * purchase location; the customer lists hold no other.
 */
export function transactionItem(row: TransactionRow): TransactionItem {
  return {
    id: row.id,
    amount: Number(row.amount) / 100,
    currency: row.currency,
    purchaseDate: row.purchase_date,
    dateBankingStatement: row.date_banking_statement,
    customerId: row.customer_id,
    customerExternalId: row.customer_external_id ?? '',
    purchaseLocation: {
      id: row.store_id ?? '',
      externalId: row.store_external_id ?? '',
      type: row.store_type ?? 'store',
    },
    dataProviderType: row.data_provider_type,
    receiptId: null,
    timeOfPurchase: null,
  };
}

/** An unmatched debit as getUnaffectedTransactions lists it (money as the API's string). */
export const unaffectedItem = (row: TransactionRow) => ({
  id: row.id,
  label: row.label,
  amount: formatMinor(Number(row.amount)),
  currency: row.currency,
  purchaseDate: row.purchase_date,
  customerId: row.customer_id,
});
