import { receiptEvents, type ReceiptRejectionReason } from '../../../domain/hub/receipts/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { WebhookPayload } from '../../webhooks/payloads/index.js';
import { statusWebhookSource } from '../../shared/status-webhook-source.js';
import { customerAndShoppingHub } from '../customers/webhooks.js';

type Sent = WebhookPayload<'receipt_updated'>['rejectionReason'];

/** Ambiguity 10: the webhook's list lacks two of the API's reasons. */
export const webhookReason = (reason: ReceiptRejectionReason): Sent =>
  reason === 'storeNotFound' ? 'notInClientReferential' : reason === 'notADebit' ? 'unknown' : reason;

const STATUS = {
  ReceiptUploaded: 'pending',
  ReceiptReopened: 'pending',
  ReceiptValidated: 'validated',
  ReceiptRejected: 'rejected',
} as const;

/**
 * receipt_updated `pending` at the upload and a reopening, `validated`, `rejected` (with its reason); underReview sends
 * nothing (ambiguity 9). The customer and hub come from the receipt's first event, so a redelivery says the same.
 */
export const receiptsWebhookSource = statusWebhookSource('receipt_updated', STATUS, async (event, ctx, status) => {
  const parsed = parseEvent(receiptEvents, event.type, event.data);
  if (!parsed || !(parsed.type in STATUS)) return undefined;
  const [first] = await ctx.store.readStream(event.streamName, { maxCount: 1 });
  const uploaded = first && parseEvent(receiptEvents, first.type, first.data);
  if (uploaded?.type !== 'ReceiptUploaded') return undefined;
  const u = uploaded.data;
  return {
    receiptId: u.receiptId,
    status,
    ...(await customerAndShoppingHub(ctx, u)),
    rejectionReason: parsed.type === 'ReceiptRejected' ? webhookReason(parsed.data.rejectionReason) : null,
  };
});
