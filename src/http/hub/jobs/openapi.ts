import { json, registry, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { injectBody, JOB_NAMES } from './schemas.js';

const tags = ['Hub transactions'];
const CONNECTION_ID = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const HUB_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

const syncTotals = z.object({
  connections: z.number().int(),
  synced: z.number().int(),
  desynchronized: z.number().int(),
  imported: z.number().int(),
  matched: z.number().int(),
});
const syncExample = { connections: 1, synced: 1, desynchronized: 0, imported: 4, matched: 2 };
const jobAnswer = z.object({
  data: z.object({
    jobName: z.enum(JOB_NAMES),
    hubId: z.uuid().nullable(),
    connections: z.number().int().optional(),
    synced: z.number().int().optional(),
    desynchronized: z.number().int().optional(),
    imported: z.number().int().optional(),
    matched: z.number().int().optional(),
    batches: z.number().int().optional().meta({ description: 'transactionPush: customer_transactions appended' }),
    transactions: z.number().int().optional(),
    processed: z.number().int().optional().meta({ description: 'cashbackSubmit: log events the process read' }),
    submitted: z.number().int().optional().meta({ description: 'cashbackSubmit: payouts submitted' }),
    held: z.number().int().optional().meta({ description: 'cashbackSubmit: cashbacks waiting for an account' }),
    received: z.number().int().optional().meta({ description: 'cashbackSettle: cashbacks now RECEIVED' }),
    pending: z.number().int().optional().meta({ description: 'cashbackSettle: transfers not settled yet' }),
    validated: z.number().int().optional().meta({ description: 'claimExpiry: claims a debit now backs' }),
    rejected: z.number().int().optional().meta({ description: 'claimExpiry: claims rejected TRANSACTION_NOT_FOUND' }),
    repaired: z
      .number()
      .int()
      .optional()
      .meta({ description: 'claimExpiry: validated receipts given the transaction a crash kept from them' }),
  }),
});
const injected = z.object({ data: z.object({ queued: z.number().int(), sync: syncTotals.nullable() }) });

/** Documents executeJob and the sandbox bank's transaction injection. */
export function documentJobs(): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/admin/jobs/{jobName}',
    operationId: 'backoffice/admin_api/executeJob',
    tags,
    summary:
      'Run a job now, for one hub (`hubId`) or every hub, and answer once it is done: bankSync syncs every live connection, transactionPush sends the matched, unpushed transactions (batches of 100). claimExpiry matches pending claims without attachment again and rejects those older than HUB_CLAIM_EXPIRY_DAYS with TRANSACTION_NOT_FOUND. cashbackSubmit catches the cashback process up (completed rewards become cashbacks) and submits every due cashback to the payout port (held without an account); cashbackSettle marks the settled transfers RECEIVED.',
    security: [SECURITY.admin],
    request: {
      params: z.object({ jobName: z.enum(JOB_NAMES) }),
      body: json(z.object({ hubId: z.uuid().optional() }), { hubId: HUB_ID }),
    },
    responses: { 200: json(jobAnswer, { data: { jobName: 'bankSync', hubId: HUB_ID, ...syncExample } }) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hub/sandbox/bank-connections/{connectionId}/transactions',
    operationId: 'hub/sandbox/injectTransactions',
    tags,
    summary:
      "Queue transactions in a sandbox connection's feed for its next sync (decision 39: imported whatever their purchaseDate); `?sync=now` runs that sync at once and answers its counts",
    security: PROGRAM_SECURITY,
    request: {
      params: z.object({ connectionId: z.uuid().openapi({ example: CONNECTION_ID }) }),
      query: z.object({ sync: z.enum(['now']).optional() }),
      body: json(injectBody, {
        transactions: [{ label: 'CB SANDBOX STORE A', amount: '-12.50', currency: 'EUR', purchaseDate: '2026-12-04' }],
      }),
    },
    responses: {
      200: json(injected, { data: { queued: 1, sync: { ...syncExample, imported: 1, matched: 1 } } }, 'synced'),
      202: json(injected, { data: { queued: 1, sync: null } }, 'queued for the next sync'),
    },
  });
}
