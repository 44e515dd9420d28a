import { claimEvents, type ClaimEvent } from '../../../domain/hub/claims/events.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertHubRow, type EventHandlers } from '../../shared/handlers.js';
import { columnsOf } from '../../shared/columns.js';

export const HUB_CLAIMS_PROJECTION = 'hub-claims';
const CLAIMS = 'rm_hub_claims';

const handlers: EventHandlers<ClaimEvent> = {
  ClaimFiled: (trx, d, event) =>
    insertHubRow(trx, CLAIMS, event, d.claimId, d, {
      ...columnsOf(d, ['customerExternalId', 'amount', 'currency', 'transactionDate', 'additionalFeedback']),
      store_id: d.store.id,
      store_external_id: d.store.externalId,
      store_name: d.store.name,
      attachment_digest: d.attachment?.digest ?? null,
      attachment_size: d.attachment?.size ?? null,
      attachment_media_type: d.attachment?.mediaType ?? null,
      status: 'pending',
      filed_at: d.filedAt,
      updated_at: d.filedAt,
    }),
  ClaimValidated: (trx, d, event) =>
    changeRow(trx, CLAIMS, d.claimId, event, {
      status: 'validated',
      transaction_id: d.transactionId,
      updated_at: d.validatedAt,
    }),
  ClaimRejected: (trx, d, event) =>
    changeRow(trx, CLAIMS, d.claimId, event, {
      status: 'rejected',
      code: d.code,
      rejection_reason: d.rejectionReason,
      updated_at: d.rejectedAt,
    }),
};

/** The hub's claims (flow 5): the customer's list, the program's review queue, claimExpiry's pending ones. */
export const claimsProjection: Projection = {
  name: HUB_CLAIMS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [CLAIMS],
  apply: applyByType(claimEvents, handlers),
};
