import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { purchaseLocation } from '../transactions/events.js';

/** What the BlobStore keeps of an image: events carry its digest and size, never its bytes. */
export const blobRef = z.object({
  /** SHA-256 of the bytes, hex. */
  digest: z.string(),
  size: z.number().int().nonnegative(),
  mediaType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
});
export type BlobRef = z.infer<typeof blobRef>;

/** The reasons a receipt is rejected: the union of the seed's two lists (ambiguity 10). */
export const RECEIPT_REJECTION_REASONS = [
  'outOfMall',
  'notATicket',
  'incomplete',
  'notADebit',
  'storeNotFound',
  'notInClientReferential',
  'beforeRegistration',
  'duplicate',
] as const;
export type ReceiptRejectionReason = (typeof RECEIPT_REJECTION_REASONS)[number];

const by = z.enum(['automatic', 'program']);

const receipt = aggregateEvents('receiptId', ['hubId', 'programId']);

/** One stream per receipt, `receipt-<receiptId>` (flow 4). */
export const receiptEvents = {
  ReceiptUploaded: receipt.opening({
    customerId: z.string(),
    customerExternalId: z.string().nullable(),
    image: blobRef,
    filename: z.string().nullable(),
    /** Uploaded with the registration (postFirstReceipt). */
    first: z.boolean(),
    uploadedAt: z.string(),
  }),
  /** What the ReceiptReader read on the paper; `ocrTotal` in minor units as printed (positive; negative = refund). */
  ReceiptRead: receipt.event({
    ocrBusinessIdentifier: z.string().nullable(),
    ocrTotal: z.number().int().nullable(),
    ocrCurrency: z.string().nullable(),
    /** `YYYY-MM-DD`. */
    ocrDate: z.string().nullable(),
    /** `HH:mm`. */
    ocrTime: z.string().nullable(),
    ocrPaymentMethod: z.string().nullable(),
    readAt: z.string(),
  }),
  ReceiptStoreDeclared: receipt.event({
    storeId: z.string(),
    storeName: z.string(),
    declaredAt: z.string(),
  }),
  ReceiptPutUnderReview: receipt.event({ at: z.string() }),
  ReceiptValidated: receipt.event({
    /** The scan transaction it makes (flow 4.4). */
    transactionId: z.string(),
    purchaseLocation,
    /** Minor units, a debit negative. */
    amount: z.number().int(),
    currency: z.string(),
    purchaseDate: z.string(),
    /** `HH:mm`, when the paper gives it. */
    timeOfPurchase: z.string().nullable(),
    by,
    validatedAt: z.string(),
  }),
  ReceiptRejected: receipt.event({
    rejectionReason: z.enum(RECEIPT_REJECTION_REASONS),
    by,
    rejectedAt: z.string(),
  }),
  ReceiptReopened: receipt.event({ reopenedAt: z.string() }),
};
export type ReceiptEvent = EventOf<typeof receiptEvents>;
