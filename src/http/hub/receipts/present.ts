import type { ReceiptRow } from '../../../projections/hub/receipts/queries.js';
import { formatMinor } from '../../webhooks/payloads/index.js';

const money = (minor: string | null) => (minor === null ? null : formatMinor(Number(minor)));
const at = (date: string | null, time: string | null) => (date === null ? null : `${date}T${time ?? '00:00'}:00.000Z`);

/** The customer's view (getCustomerReceipts): underReview shows as pending (decision 42). */
export const customerReceipt = (r: ReceiptRow) => ({
  receiptId: r.id,
  status: r.status === 'underReview' ? 'pending' : r.status,
  rejectionReason: r.rejection_reason,
  storeId: r.store_id ?? r.declared_store_id,
  amount: money(r.amount),
  currency: r.currency,
  dateTime: at(r.purchase_date, r.time_of_purchase),
  uploadedAt: r.uploaded_at.toISOString(),
  transactionId: r.transaction_id,
});

/** The program's view (the back office's receipt list and next receipt). */
export const programReceipt = (r: ReceiptRow) => ({
  id: r.id,
  customerId: r.customer_id,
  receiptDateTime: at(r.purchase_date ?? r.ocr_date, r.time_of_purchase ?? r.ocr_time),
  imageURI: `/v1/hub/receipts/${r.id}/image`,
  declaredStoreName: r.declared_store_name,
  status: r.status,
  rejectionReason: r.rejection_reason,
  storeId: r.store_id,
  amount: money(r.amount),
  transactionId: r.transaction_id,
  ocrBusinessIdentifier: r.ocr_business_identifier,
  ocrTotal: money(r.ocr_total),
  ocrCurrency: r.ocr_currency,
  ocrTime: r.ocr_time,
  ocrDate: r.ocr_date,
  ocrPaymentMethod: r.ocr_payment_method,
  uploadedAt: r.uploaded_at.toISOString(),
});
