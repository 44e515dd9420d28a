import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { blobRef } from '../receipts/events.js';
import { STORE_TYPES } from '../stores/events.js';

/** The codes claim_update names (flow 5). */
export const CLAIM_CODES = [
  'TRANSACTION_ALREADY_ASSOCIATED',
  'TRANSACTION_NOT_FOUND',
  'AUTO_REJECTED',
  'DUPLICATED',
  'STORE_OUT_OF_PROGRAM',
  'BEFORE_REGISTRATION',
  'RECEIPT_INCOMPLETE',
] as const;
export type ClaimCode = (typeof CLAIM_CODES)[number];

const by = z.enum(['automatic', 'program', 'expiry']);

const claim = aggregateEvents('claimId', ['hubId', 'programId']);

/** One stream per claim, `claim-<claimId>` (flow 5). */
export const claimEvents = {
  ClaimFiled: claim.opening({
    customerId: z.string(),
    customerExternalId: z.string().nullable(),
    store: z.object({ id: z.string(), externalId: z.string(), name: z.string(), type: z.enum(STORE_TYPES) }),
    /** Minor units, a debit negative (decision 35). */
    amount: z.number().int(),
    currency: z.string(),
    /** `YYYY-MM-DD`. */
    transactionDate: z.string(),
    additionalFeedback: z.string().nullable(),
    attachment: blobRef.nullable(),
    filedBy: z.enum(['customer', 'program']),
    filedAt: z.string(),
  }),
  ClaimValidated: claim.event({
    /** The debit it was associated with, or the transaction made from it. */
    transactionId: z.string(),
    by,
    validatedAt: z.string(),
  }),
  ClaimRejected: claim.event({
    code: z.enum(CLAIM_CODES),
    rejectionReason: z.string(),
    by,
    rejectedAt: z.string(),
  }),
};
export type ClaimEvent = EventOf<typeof claimEvents>;
