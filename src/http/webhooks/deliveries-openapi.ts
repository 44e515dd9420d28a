import { WEBHOOK_EVENT_NAMES } from '../../domain/webhooks/event-names.js';
import { json, listJson, registry, z } from '../openapi/registry.js';
import { PROGRAM_SECURITY } from '../openapi/security.js';
import { dateTime, PAGE_QUERY, uuid } from '../openapi/wire.js';

const tags = ['Webhooks'];
const uuidOf = (example: string) => uuid.openapi({ example });
const eventName = z.enum(WEBHOOK_EVENT_NAMES);
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
  id: uuid,
  subscription_id: uuid,
  sequence: z.number().int().min(1),
  event: eventName,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: dateTime.nullable(),
  created_at: dateTime,
  attempts_log: z
    .array(
      z.object({
        attempt_number: z.number().int(),
        started_at: dateTime,
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
                jwk: z.object({
                  kty: z.enum(['RSA']),
                  n: z.string(),
                  e: z.string(),
                  kid: z.string(),
                  use: z.enum(['sig']),
                  alg: z.enum(['RS256']),
                }),
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
      params: z.object({ id: uuidOf('3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f') }),
      query: z.object({
        status: z.enum(['pending', 'delivered', 'failed']).optional(),
        ...PAGE_QUERY.shape,
      }),
    },
    responses: {
      200: listJson(delivery, deliveryExample),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/webhook-deliveries/{id}/redeliver',
    tags,
    summary: 'Send a delivery again (failed ones included), with a fresh round of tries',
    security: PROGRAM_SECURITY,
    request: { params: z.object({ id: uuidOf('9a7c1f3e-2b4d-4e6f-8a1b-3c5d7e9f0a2b') }) },
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
      params: z.object({ id: uuidOf('3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f') }),
      body: json(z.object({ since: dateTime }), { since: '2026-11-22T00:00:00Z' }),
    },
    responses: {
      202: json(
        z.object({ data: z.object({ redelivered: z.number().int(), deliveries: z.array(uuid) }) }),
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
    request: {
      params: z.object({
        event: z
          .string()
          .regex(/^[A-Za-z0-9._]+$/)
          .openapi({
            description: `an event name, in camelCase or as listed, case and separators ignored: ${WEBHOOK_EVENT_NAMES.join(', ')}`,
            example: 'customerTransactions',
          }),
      }),
    },
    responses: {
      202: json(
        z.object({
          data: z.object({
            event: eventName,
            deliveries: z.array(uuid),
            payload: z.unknown().openapi({ description: 'the sample, as the webhook of the event carries it' }),
          }),
        }),
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
