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
    ...scanFields(row),
  };
}

/**
 * A scan transaction's receipt and time of purchase, in the seed's form ("2023-01-15 13:09:00.000000 +00:00"); null
 * for card transactions.
 */
function scanFields(row: TransactionRow): Pick<TransactionItem, 'receiptId' | 'timeOfPurchase'> {
  const scan = row as TransactionRow & { receipt_id?: string | null; time_of_purchase?: string | null };
  const receiptId = scan.receipt_id ?? null;
  if (receiptId === null) return { receiptId: null, timeOfPurchase: null };
  const time = scan.time_of_purchase ?? '00:00';
  return { receiptId, timeOfPurchase: `${row.purchase_date} ${time}:00.000000 +00:00` };
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
