import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../../src/main.js';
import { loadConfig } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createTestDatabase } from '../../support/db.js';

describe('a started app: /health, /info, /metrics', () => {
  let running: Running;
  let base: string;
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: await createTestDatabase(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    running = await start(config, createLogger('silent'));
    const address = running.server!.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('when every dependency answers, then /health is 200 and names each one', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.checks).sort()).toEqual(['event_store', 'postgres', 'redis']);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers /info with the version and the event store kind, and echoes a request id', async () => {
    const response = await fetch(`${base}/info`, { headers: { 'X-Request-Id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect(await response.json()).toMatchObject({ name: 'goodstream', version: '0.1.0', event_store: 'postgres' });
  });

  it('serves Prometheus text with the request histogram and projection counters', async () => {
    await fetch(`${base}/info`);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('# TYPE goodstream_http_request_duration_seconds histogram');
    expect(text).toMatch(/goodstream_http_request_duration_seconds_count\{method="GET",route="\/info",status="200"\} \d+/);
    expect(text).toContain('# TYPE goodstream_projection_lag_seconds gauge');
  });

  it('answers an unknown route with the contract envelope', async () => {
    const response = await fetch(`${base}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error_name: 'not_found', error_message: 'no route GET /v1/nothing-here', details: [] });
  });

  it('when Redis stops answering, then /health is 503 and says which', async () => {
    running.infra.redis.disconnect();
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, { status: string }> };
    expect(body.checks.redis?.status).toBe('down');
    expect(body.checks.postgres?.status).toBe('up');
  });
});
