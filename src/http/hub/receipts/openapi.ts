import { errorResponses, IF_MATCH, json, listJson, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { documentClaims, register } from '../claims/openapi.js';
import { CUSTOMER } from '../customers/openapi-common.js';
import { CUSTOMER_ID, STORE_ID, TRANSACTION_ID } from '../examples.js';
import { currency, nullableText, PAGE_PARAMS } from '../../openapi/wire.js';
import { customerPatchBody, programPatchBody } from './schemas.js';

const RECEIPT_ID = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';

const status = z.enum(['pending', 'validated', 'rejected']);
const customerReceipt = z.object({
  receiptId: z.uuid(),
  status,
  rejectionReason: nullableText,
  storeId: z.uuid().nullable(),
  amount: z.string().nullable().meta({ description: 'two decimals, negative (a debit); once validated' }),
  currency: currency.nullable(),
  dateTime: nullableText,
  uploadedAt: z.string(),
  transactionId: z.uuid().nullable(),
});
const customerExample = {
  receiptId: RECEIPT_ID,
  status: 'validated',
  rejectionReason: null,
  storeId: STORE_ID,
  amount: '-24.17',
  currency: 'EUR',
  dateTime: '2026-12-03T13:09:00.000Z',
  uploadedAt: '2026-12-04T09:00:00.000Z',
  transactionId: TRANSACTION_ID,
};
const programReceipt = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  receiptDateTime: nullableText,
  imageURI: z.string(),
  declaredStoreName: nullableText,
  status: z.enum(['pending', 'underReview', 'validated', 'rejected']),
  rejectionReason: nullableText,
  storeId: z.uuid().nullable(),
  amount: nullableText,
  transactionId: z.uuid().nullable(),
  ocrBusinessIdentifier: nullableText,
  ocrTotal: nullableText,
  ocrCurrency: currency.nullable(),
  ocrTime: nullableText,
  ocrDate: nullableText,
  ocrPaymentMethod: nullableText,
  uploadedAt: z.string(),
});
const programExample = {
  id: RECEIPT_ID,
  customerId: CUSTOMER_ID,
  receiptDateTime: null,
  imageURI: `/v1/hub/receipts/${RECEIPT_ID}/image`,
  declaredStoreName: 'Sandbox Store A',
  status: 'underReview',
  rejectionReason: null,
  storeId: null,
  amount: null,
  transactionId: null,
  ocrBusinessIdentifier: null,
  ocrTotal: null,
  ocrCurrency: null,
  ocrTime: null,
  ocrDate: null,
  ocrPaymentMethod: null,
  uploadedAt: '2026-12-04T09:00:00.000Z',
};
/** A multipart body: the file in `image` (JPEG, PNG or PDF by its bytes, ≤ 10 MB), the text parts beside it. */
const multipart = (fields: Record<string, z.ZodType>) => ({
  description: 'multipart/form-data',
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({
        image: z.string().meta({ format: 'binary', description: 'JPEG, PNG or PDF (told by its bytes), ≤ 10 MB' }),
        ocr: z.string().optional().meta({
          description:
            'sandbox reader: JSON {businessIdentifier, total, currency, date, time, paymentMethod, notATicket}',
        }),
        ...fields,
      }),
    },
  },
});
const receiptParam = z.object({ receiptId: z.uuid().openapi({ example: RECEIPT_ID }) });

function documentCustomerReceipts(): void {
  register({
    method: 'get',
    path: '/v1/hub/customer/receipts',
    operationId: 'customer_receipt_api/getCustomerReceipts',
    summary: "The customer's receipts, newest first (underReview shows as pending)",
    security: CUSTOMER,
    responses: { 200: json(z.object({ data: z.array(customerReceipt) }), { data: [customerExample] }) },
  });
  register({
    method: 'post',
    path: '/v1/hub/customer/receipts',
    operationId: 'customer_receipt_api/postReceipt',
    summary:
      'Upload a receipt (multipart `image`): stored by digest, read and decided at once (flow 4.3); answers the status the customer sees. Hub without scanEnable 422 operation_refused; over 10 MB 413; another type, empty or no `image` 422',
    security: CUSTOMER,
    request: { body: multipart({}) },
    responses: {
      201: json(z.object({ data: z.object({ receiptId: z.uuid(), status }) }), {
        data: { receiptId: RECEIPT_ID, status: 'pending' },
      }),
    },
  });
  register({
    method: 'patch',
    path: '/v1/hub/customer/receipts/{receiptId}',
    operationId: 'customer_receipt_api/updateReceipt',
    summary:
      'Declare the store of a pending receipt (our id or externalId); not pending 422 operation_refused; unknown store 422 (invalidStoreId)',
    security: CUSTOMER,
    request: { params: receiptParam, body: json(customerPatchBody, { storeId: '18289514' }) },
    responses: { 200: json(z.object({ data: customerReceipt }), { data: customerExample }) },
  });
  register({
    method: 'post',
    path: '/v1/hub/auth/first-receipt',
    operationId: 'auth_api/postFirstReceipt',
    summary:
      "Registration by scan (flow 1.5): the first receipt, and the customer subscribed as `scan`; `customerId` must be the token's (403); the receipt optins the hub requires must be on (422 operation_refused)",
    security: CUSTOMER,
    request: {
      body: multipart({
        customerId: z.uuid(),
        optins: z.string().optional().meta({ description: 'stringified [{code, value}]' }),
      }),
    },
    responses: {
      201: json(z.object({ data: z.object({ customerId: z.uuid(), receiptId: z.uuid(), status }) }), {
        data: { customerId: CUSTOMER_ID, receiptId: RECEIPT_ID, status: 'pending' },
      }),
    },
  });
}

function documentProgramReceipts(): void {
  register({
    method: 'get',
    path: '/v1/hub/receipts',
    operationId: 'backoffice/receipts_api/getReceipts',
    summary: 'The back office\'s "Get a list of receipts": by upload date ascending, filtered by status and customerId',
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        status: z.enum(['pending', 'underReview', 'validated', 'rejected']).optional(),
        customerId: z.uuid().optional(),
        ...PAGE_PARAMS,
      }),
    },
    responses: { 200: listJson(programReceipt, programExample), ...errorResponses(404) },
  });
  register({
    method: 'get',
    path: '/v1/hub/receipts/next',
    operationId: 'backoffice/receipts_api/getNextReceipt',
    summary:
      '"Get next receipt to validate": the oldest underReview receipt uploaded after `receiptId` (decision 42); none 404',
    security: PROGRAM_SECURITY,
    request: { query: z.object({ receiptId: z.uuid().optional() }) },
    responses: {
      200: json(z.object({ data: programReceipt }), { data: programExample }),
      ...errorResponses(404),
    },
  });
  register({
    method: 'get',
    path: '/v1/hub/receipts/{receiptId}/image',
    operationId: 'hub/receipts/getReceiptImage',
    summary:
      'The image with its real media type, X-Content-Type-Options: nosniff, and Content-Disposition: attachment for a PDF; the program, or the customer who owns it',
    security: [...PROGRAM_SECURITY, ...CUSTOMER],
    request: { params: receiptParam },
    responses: {
      200: {
        description: 'the image',
        content: {
          'image/jpeg': { schema: z.string().meta({ format: 'binary' }) },
          'image/png': { schema: z.string().meta({ format: 'binary' }) },
          'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
        },
      },
    },
  });
  register({
    method: 'patch',
    path: '/v1/hub/receipts/{receiptId}',
    operationId: 'backoffice/receipts_api/updateReceipt',
    summary:
      '"Update receipt information and his related transaction": validated (needs amount, dateTime, storeId: 422 per missing field) makes its scan transaction; rejected needs a rejectionReason; pending reopens a rejected one; a validated receipt 422 operation_refused',
    security: PROGRAM_SECURITY,
    request: {
      params: receiptParam,
      headers: IF_MATCH,
      body: json(programPatchBody, {
        status: 'validated',
        amount: '-24.17',
        dateTime: '2026-12-03T13:09:00Z',
        storeId: '18289514',
      }),
    },
    responses: {
      200: json(z.object({ data: programReceipt, version: z.number().int() }), {
        data: {
          ...programExample,
          status: 'validated',
          storeId: STORE_ID,
          amount: '-24.17',
          transactionId: TRANSACTION_ID,
        },
        version: 3,
      }),
    },
  });
}

/** Documents receipts (flow 4), first receipts (flow 1.5) and claims (flow 5). */
export function documentReceiptsAndClaims(): void {
  documentCustomerReceipts();
  documentProgramReceipts();
  documentClaims();
}
