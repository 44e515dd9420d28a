import type { Knex } from 'knex';
import type { ClaimDeps } from '../../../commands/hub/claims/claims.js';
import type { ExpiryDeps } from '../../../commands/hub/claims/expiry.js';
import type { ReceiptDeps } from '../../../commands/hub/receipts/receipts.js';
import { sandboxReceiptReader } from '../../../commands/hub/ports/receipt-reader.js';
import type { Clock } from '../../../platform/clock.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { uploadFacts } from '../receipts/queries.js';
import { claimCandidates, claimFacts, pendingWithoutAttachment } from './queries.js';

/* Receipts and claims take what they know of the hub from the read models: the routes and claimExpiry alike. */

export const claimDeps = (knex: Knex, store: EventStore, clock: Clock): ClaimDeps => ({
  store,
  clock,
  facts: (claim) => claimFacts(knex, claim),
  candidates: (claim) => claimCandidates(knex, claim),
});

export const expiryDeps = (knex: Knex, store: EventStore, clock: Clock): ExpiryDeps => ({
  ...claimDeps(knex, store, clock),
  pendingWithoutAttachment: (hubId) => pendingWithoutAttachment(knex, hubId),
});

export const receiptDeps = (knex: Knex, store: EventStore, clock: Clock): ReceiptDeps => ({
  store,
  clock,
  reader: sandboxReceiptReader,
  facts: (who, ocr) => uploadFacts(knex, who, ocr),
});
