import { receiptEvents, type ReceiptEvent } from '../../../domain/hub/receipts/events.js';
import type { Projection } from '../../projection.js';
import { applyRow, applyRowBatch, familyTypes, type RowFamily } from '../../shared/row-family.js';

export const HUB_RECEIPTS_PROJECTION = 'hub-receipts';
const RECEIPTS = 'rm_hub_receipts';

const receipts: RowFamily<ReceiptEvent> = {
  table: RECEIPTS,
  schemas: receiptEvents,
  creates: {
    ReceiptUploaded: (d) => ({
      id: d.receiptId,
      hub_id: d.hubId,
      program_id: d.programId,
      customer_id: d.customerId,
      status: 'pending',
      image_digest: d.image.digest,
      image_size: d.image.size,
      media_type: d.image.mediaType,
      filename: d.filename,
      uploaded_at: d.uploadedAt,
      updated_at: d.uploadedAt,
    }),
  },
  changes: {
    ReceiptRead: (d) => [
      d.receiptId,
      {
        ocr_business_identifier: d.ocrBusinessIdentifier,
        ocr_total: d.ocrTotal,
        ocr_currency: d.ocrCurrency,
        ocr_date: d.ocrDate,
        ocr_time: d.ocrTime,
        ocr_payment_method: d.ocrPaymentMethod,
        updated_at: d.readAt,
      },
    ],
    ReceiptStoreDeclared: (d) => [
      d.receiptId,
      { declared_store_id: d.storeId, declared_store_name: d.storeName, updated_at: d.declaredAt },
    ],
    ReceiptPutUnderReview: (d) => [d.receiptId, { status: 'underReview', updated_at: d.at }],
    ReceiptValidated: (d) => [
      d.receiptId,
      {
        status: 'validated',
        rejection_reason: null,
        store_id: d.purchaseLocation.id,
        store_external_id: d.purchaseLocation.externalId,
        store_type: d.purchaseLocation.type,
        amount: d.amount,
        currency: d.currency,
        purchase_date: d.purchaseDate,
        time_of_purchase: d.timeOfPurchase,
        transaction_id: d.transactionId,
        updated_at: d.validatedAt,
      },
    ],
    ReceiptRejected: (d) => [
      d.receiptId,
      { status: 'rejected', rejection_reason: d.rejectionReason, updated_at: d.rejectedAt },
    ],
    ReceiptReopened: (d) => [d.receiptId, { status: 'pending', rejection_reason: null, updated_at: d.reopenedAt }],
  },
};

/** The hub's receipts (flow 4): the customer's list, the program's queue; a page's new receipts in one insert. */
export const receiptsProjection: Projection = {
  name: HUB_RECEIPTS_PROJECTION,
  version: 1,
  eventTypes: familyTypes(receipts),
  tables: [RECEIPTS],
  apply: applyRow(receipts),
  applyBatch: applyRowBatch(receipts),
};
