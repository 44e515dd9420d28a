import { registry, z } from './registry.js';

const tags = ['Platform'];
const dependency = z.object({ status: z.enum(['up', 'down']), latency_ms: z.number(), error: z.string().optional() });

registry.registerPath({
  method: 'get',
  path: '/health',
  tags,
  summary: "Each dependency's state",
  responses: {
    200: {
      description: 'every dependency answers',
      content: {
        'application/json': {
          schema: z.object({ status: z.enum(['ok', 'degraded']), checks: z.object({ postgres: dependency, redis: dependency, event_store: dependency.extend({ kind: z.string() }) }) }),
          example: {
            status: 'ok',
            checks: { postgres: { status: 'up', latency_ms: 1 }, redis: { status: 'up', latency_ms: 1 }, event_store: { status: 'up', latency_ms: 2, kind: 'postgres' } },
          },
        },
      },
    },
    503: { description: 'a dependency is down; the body says which' },
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
          schema: z.object({ name: z.string(), version: z.string(), event_store: z.enum(['postgres', 'eventstoredb']), started_at: z.string(), uptime_seconds: z.number(), node: z.string() }),
          example: { name: 'goodstream', version: '0.1.0', event_store: 'postgres', started_at: '2026-11-22T10:00:00.000Z', uptime_seconds: 42, node: 'v24.21.0' },
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
  responses: { 200: { description: 'Prometheus exposition format', content: { 'text/plain': { schema: z.string(), example: 'goodstream_projection_lag_seconds{projection="members"} 0\n' } } } },
});

registry.registerPath({
  method: 'get',
  path: '/openapi.json',
  tags,
  summary: 'This document',
  responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({ openapi: z.string() }).passthrough(), example: { openapi: '3.1.0' } } } } },
});

registry.registerPath({
  method: 'get',
  path: '/docs',
  tags,
  summary: 'This document, rendered',
  responses: { 200: { description: 'an HTML page', content: { 'text/html': { schema: z.string(), example: '<!doctype html>…' } } } },
});
