import type { ClaimRow } from '../../../projections/hub/claims/queries.js';
import type { WebhookPayload } from '../../webhooks/payloads/index.js';
import { formatMinor } from '../../webhooks/payloads/index.js';

type ClaimItem = WebhookPayload<'claim_update'>['claim'];

/** A claim as claim_update shows it (also the customer's list): amounts as "-12.00", dates `YYYY-MM-DD`. */
export const claimItem = (r: ClaimRow): ClaimItem => ({
  id: r.id,
  amount: formatMinor(Number(r.amount)),
  store: r.store_name,
  storeId: r.store_id,
  storeExternalId: r.store_external_id,
  status: r.status,
  rejectionReason: r.rejection_reason,
  code: r.code as ClaimItem['code'],
  date: r.filed_at.toISOString(),
  transactionId: r.transaction_id,
  transactionDate: r.transaction_date,
});

/** The program's view: the claim with its customer and what came with it. */
export const programClaim = (r: ClaimRow) => ({
  ...claimItem(r),
  customerId: r.customer_id,
  customerExternalId: r.customer_external_id,
  currency: r.currency,
  additionalFeedback: r.additional_feedback,
  hasAttachment: r.attachment_digest !== null,
  filedAt: r.filed_at.toISOString(),
});
