import { WEBHOOK_EVENT_NAMES } from '../../domain/webhooks/event-names.js';
import { json, PROGRAM_SECURITY, registry, z } from '../openapi/registry.js';

const tags = ['Webhooks'];
const uuid = (example: string) => z.string().openapi({ example });
const deliveryExample = {
  id: '9a7c1f3e-2b4d-4e6f-8a1b-3c5d7e9f0a2b',
  subscription_id: '3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f',
  sequence: 42,
  event: 'member.registered',
  status: 'failed',
  attempts: 6,
  next_attempt_at: null,
  created_at: '2026-11-22T10:00:00.000Z',
  attempts_log: [
    {
      attempt_number: 0,
      started_at: '2026-11-22T10:00:00.120Z',
      status_code: 500,
      latency_ms: 84,
      error: null,
      response_excerpt: '{"error":"down"}',
    },
  ],
};
const delivery = z.object({
  id: z.string(),
  subscription_id: z.string(),
  sequence: z.number().int(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  attempts_log: z
    .array(
      z.object({
        attempt_number: z.number().int(),
        started_at: z.string(),
        status_code: z.number().int().nullable(),
        latency_ms: z.number(),
        error: z.string().nullable(),
        response_excerpt: z.string().nullable(),
      }),
    )
    .optional(),
});

/** Documents the public key's, the deliveries' and the sample route's paths in the registry. */
export function deliveriesOpenapi(): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/webhooks/public-key',
    tags,
    summary:
      'The key that verifies every webhook `Signature` (PEM; with Accept: application/json, also its kid and JWK)',
    responses: {
      200: {
        description: 'the platform public key',
        content: {
          'application/x-pem-file': {
            schema: z.string(),
            example:
              '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…\n-----END PUBLIC KEY-----\n',
          },
          'application/json': {
            schema: z.object({
              data: z.object({
                kid: z.string(),
                pem: z.string(),
                jwk: z.object({ kty: z.string(), kid: z.string() }).passthrough(),
              }),
            }),
            example: {
              data: {
                kid: 'Qm9vdGluZ0tleUlk',
                pem: '-----BEGIN PUBLIC KEY-----\n…',
                jwk: { kty: 'RSA', n: '…', e: 'AQAB', kid: 'Qm9vdGluZ0tleUlk', use: 'sig', alg: 'RS256' },
              },
            },
          },
        },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/webhooks/{id}/deliveries',
    tags,
    summary: "A subscription's deliveries, newest first, with their sequence numbers and every attempt",
    security: PROGRAM_SECURITY,
    request: {
      params: z.object({ id: uuid('3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f') }),
      query: z.object({
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        page: z.number().int().optional(),
        per_page: z.number().int().optional(),
      }),
    },
    responses: {
      200: json(
        z.object({
          data: z.array(delivery),
          paging: z.object({ page: z.number(), per_page: z.number(), total: z.number() }),
        }),
        { data: [deliveryExample], paging: { page: 1, per_page: 20, total: 1 } },
      ),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/webhook-deliveries/{id}/redeliver',
    tags,
    summary: 'Send a delivery again (failed ones included), with a fresh round of tries',
    security: PROGRAM_SECURITY,
    request: { params: z.object({ id: uuid('9a7c1f3e-2b4d-4e6f-8a1b-3c5d7e9f0a2b') }) },
    responses: {
      202: json(
        z.object({ data: delivery }),
        { data: { ...deliveryExample, status: 'pending', attempts_log: undefined } },
        'queued',
      ),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/webhooks/{id}/redeliver-failed',
    tags,
    summary: 'Send again every failed delivery of the subscription created since a time',
    security: PROGRAM_SECURITY,
    request: {
      params: z.object({ id: uuid('3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f') }),
      body: json(z.object({ since: z.string() }), { since: '2026-11-22T00:00:00Z' }),
    },
    responses: {
      202: json(
        z.object({ data: z.object({ redelivered: z.number().int(), deliveries: z.array(z.string()) }) }),
        { data: { redelivered: 1, deliveries: [deliveryExample.id] } },
        'queued',
      ),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/admin/webhook/{event}',
    tags,
    summary: `Send a realistic sample of an event to the program's subscriptions; the event in camelCase (${WEBHOOK_EVENT_NAMES.length} of them), e.g. customerTransactions or donationCreated`,
    security: PROGRAM_SECURITY,
    request: { params: z.object({ event: z.string().openapi({ example: 'customerTransactions' }) }) },
    responses: {
      202: json(
        z.object({ data: z.object({ event: z.string(), deliveries: z.array(z.string()), payload: z.unknown() }) }),
        {
          data: {
            event: 'customer_transactions',
            deliveries: [deliveryExample.id],
            payload: { event: 'customer_transactions', transactions: [] },
          },
        },
        'queued',
      ),
    },
  });
}
