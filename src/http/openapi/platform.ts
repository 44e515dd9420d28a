import { documentOutbox } from '../outbox/openapi.js';
import { registry, z } from './registry.js';

const tags = ['Platform'];
const dependency = z.object({ status: z.enum(['up', 'down']), latency_ms: z.number(), error: z.string().optional() });

const projectionHealth = z.object({
  state: z.enum(['running', 'lagging', 'failed', 'rebuilding']),
  lag_seconds: z
    .number()
    .describe("age of the oldest event of the projection's own not yet applied; 0 when none waits"),
  parked: z
    .number()
    .int()
    .describe('events it failed on and passed over, neither retried nor skipped (`npm run cli -- projections parked`)'),
});
const unread = z.object({ error: z.string() });
const health = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({
    postgres: dependency,
    redis: dependency,
    event_store: dependency.extend({ kind: z.enum(['postgres', 'eventstoredb']) }),
  }),
  projections: z.union([z.record(z.string(), projectionHealth), unread]).describe('by projection name'),
  webhooks: z
    .union([
      z.object({
        due: z.number().int().describe('deliveries due and not delivered, counted up to the limit + 1'),
        oldest_due_seconds: z.number(),
      }),
      unread,
    ])
    .describe('the delivery backlog'),
  problems: z
    .array(z.string())
    .describe('why the status is degraded, each naming the projection or part at fault; empty when ok'),
});

/** Documents the platform's routes (health, info, metrics, keys) in the registry. */
export function platformOpenapi(): void {
  registry.registerPath({
    method: 'get',
    path: '/health',
    tags,
    summary: "Each dependency's state, and whether users get what they should: read models current, webhooks going out",
    description: `The status is decided in this order:
  - a dependency (PostgreSQL, Redis, the event store) does not answer within 2 s: **503**, \`degraded\`;
  - a projection has parked events, or its oldest event not yet applied is older than \`HEALTH_MAX_PROJECTION_LAG_SECONDS\` (default 30), or more than \`HEALTH_MAX_WEBHOOK_BACKLOG\` (default 1000) webhook deliveries are due and not delivered, or one has been due for more than 300 s: **200**, \`degraded\`, and \`problems\` names the projection or the part at fault;
  - otherwise **200**, \`ok\`.
  Every probe is bounded by 2 s.`,
    responses: {
      200: {
        description: 'every dependency answers; `status` says whether users are served as they should be',
        content: {
          'application/json': {
            schema: health,
            example: {
              status: 'degraded',
              checks: {
                postgres: { status: 'up', latency_ms: 1 },
                redis: { status: 'up', latency_ms: 1 },
                event_store: { status: 'up', latency_ms: 2, kind: 'postgres' },
              },
              projections: {
                members: { state: 'running', lag_seconds: 0, parked: 1 },
                programs: { state: 'running', lag_seconds: 0.2, parked: 0 },
              },
              webhooks: { due: 0, oldest_due_seconds: 0 },
              problems: ['projection members: 1 parked event'],
            },
          },
        },
      },
      503: {
        description: 'a dependency is down; `checks` says which',
        content: { 'application/json': { schema: health } },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/info',
    tags,
    summary: 'Version, event store kind, uptime',
    responses: {
      200: {
        description: 'about this instance',
        content: {
          'application/json': {
            schema: z.object({
              name: z.string(),
              version: z.string(),
              event_store: z.enum(['postgres', 'eventstoredb']),
              started_at: z.iso.datetime(),
              uptime_seconds: z.number(),
              node: z.string(),
            }),
            example: {
              name: 'goodstream',
              version: '0.1.0',
              event_store: 'postgres',
              started_at: '2026-11-22T10:00:00.000Z',
              uptime_seconds: 42,
              node: 'v24.21.0',
            },
          },
        },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/metrics',
    tags,
    summary: 'Prometheus text: HTTP latency, projection lag, queue depths, process figures',
    responses: {
      200: {
        description: 'Prometheus exposition format',
        content: {
          'text/plain': { schema: z.string(), example: 'goodstream_projection_lag_seconds{projection="members"} 0\n' },
        },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    tags,
    summary: 'This document',
    responses: {
      200: {
        description: 'OpenAPI 3.1',
        content: {
          'application/json': {
            schema: z.object({
              openapi: z.enum(['3.1.0']),
              info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
              servers: z.array(z.object({ url: z.string() })),
              paths: z.record(z.string(), z.record(z.string(), z.unknown())).openapi({ description: 'by path' }),
              components: z
                .record(z.string(), z.record(z.string(), z.unknown()))
                .openapi({ description: 'schemas, responses, securitySchemes' }),
            }),
            example: { openapi: '3.1.0' },
          },
        },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/docs',
    tags,
    summary: 'This document, rendered',
    responses: {
      200: {
        description: 'an HTML page',
        content: { 'text/html': { schema: z.string(), example: '<!doctype html>…' } },
      },
    },
  });
  // After the platform's own: the docs page opens its first group, which must stay Platform.
  documentOutbox();
}
