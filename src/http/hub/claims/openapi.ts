import { errorResponses, json, listJson, taggedPaths, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { currency, PAGE_PARAMS } from '../../openapi/wire.js';
import { claimUpdate } from '../../webhooks/payloads/offers.js';
import { CUSTOMER } from '../customers/openapi-common.js';
import { CUSTOMER_ID, STORE_ID, TRANSACTION_ID } from '../examples.js';
import { claimBody, rejectBody } from './schemas.js';

/** Registers one of the receipts' and claims' paths under their tag. */
export const register = taggedPaths(['Hub receipts and claims']);

const CLAIM_ID = '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b';

/* The webhook's item, as precise as our answers are: our ids are uuids. */
const claim = claimUpdate.shape.claim.extend({ id: z.uuid(), storeId: z.uuid(), transactionId: z.uuid().nullable() });
const example = {
  id: CLAIM_ID,
  amount: '-5.00',
  store: 'Unknown Shop',
  storeId: STORE_ID,
  storeExternalId: 'U-1',
  status: 'validated',
  rejectionReason: null,
  code: null,
  date: '2026-12-05T09:00:00.000Z',
  transactionId: TRANSACTION_ID,
  transactionDate: '2026-12-02',
};
const programClaim = claim.extend({
  customerId: z.uuid(),
  customerExternalId: z.string().nullable(),
  currency,
  additionalFeedback: z.string().nullable(),
  hasAttachment: z.boolean(),
  filedAt: z.string(),
});
const programExample = {
  ...example,
  status: 'pending',
  transactionId: null,
  customerId: CUSTOMER_ID,
  customerExternalId: 'cust-42',
  currency: 'EUR',
  additionalFeedback: null,
  hasAttachment: true,
  filedAt: '2026-12-05T09:00:00.000Z',
};
const claimParam = z.object({ claimId: z.uuid().openapi({ example: CLAIM_ID }) });

/** Documents the claim routes (flow 5). */
export function documentClaims(): void {
  register({
    method: 'get',
    path: '/v1/hub/customer/claims',
    operationId: 'customer_api/getCustomerComplaints',
    summary: "The customer's claims, newest first, each as claim_update shows it",
    security: CUSTOMER,
    responses: { 200: json(z.object({ data: z.array(claim) }), { data: [example] }) },
  });
  register({
    method: 'post',
    path: '/v1/hub/claims',
    operationId: 'customer_api/postTransactionAssignmentComplaint',
    summary:
      'File a claim (customer JWT, or a signed program call naming `externalId`, ambiguity 14): checked at once (flow 5.2), validated against an unmatched debit when one fits (amount ±0.01, date ±3 days), else pending. A positive amount 422; unknown store 422 (storeNotFound); additionalFeedback over 255 or an attachment over 10 MB 422',
    security: [...CUSTOMER, SECURITY.signed],
    request: {
      body: json(claimBody, {
        storeId: 'U-1',
        amount: '-5.00',
        transactionDate: '2026-12-02',
        additionalFeedback: 'Paid by card',
      }),
    },
    responses: { 201: json(z.object({ data: claim }), { data: example }) },
  });
  register({
    method: 'get',
    path: '/v1/hub/claims',
    operationId: 'hub/claims/getClaims',
    summary:
      'The program\'s review queue (the seed\'s "studied by the Spaycial team"): claims by filing date, by status',
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        status: z.enum(['pending', 'validated', 'rejected']).optional(),
        ...PAGE_PARAMS,
      }),
    },
    responses: { 200: listJson(programClaim, programExample), ...errorResponses(404) },
  });
  register({
    method: 'post',
    path: '/v1/hub/claims/{claimId}/validate',
    operationId: 'hub/claims/validateClaim',
    summary:
      'Validate a pending claim: with `transactionId` (an unmatched debit of the customer) that debit backs it; without, a transaction is made from the claim; pushed in the next customer_transactions. A decided claim 422 operation_refused',
    security: PROGRAM_SECURITY,
    request: {
      params: claimParam,
      body: json(z.object({ transactionId: z.uuid().optional() }), { transactionId: TRANSACTION_ID }),
    },
    responses: {
      200: json(z.object({ data: programClaim }), {
        data: { ...programExample, status: 'validated', transactionId: TRANSACTION_ID },
      }),
    },
  });
  register({
    method: 'post',
    path: '/v1/hub/claims/{claimId}/reject',
    operationId: 'hub/claims/rejectClaim',
    summary:
      "Reject a pending claim with one of the seed's codes (RECEIPT_INCOMPLETE for an unreadable attachment); a decided claim 422 operation_refused",
    security: PROGRAM_SECURITY,
    request: {
      params: claimParam,
      body: json(rejectBody, { code: 'RECEIPT_INCOMPLETE', rejectionReason: 'The receipt cannot be read' }),
    },
    responses: {
      200: json(z.object({ data: programClaim }), {
        data: {
          ...programExample,
          status: 'rejected',
          code: 'RECEIPT_INCOMPLETE',
          rejectionReason: 'The receipt cannot be read',
        },
      }),
    },
  });
}
