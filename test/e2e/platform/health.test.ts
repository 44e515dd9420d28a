import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type Running } from '../../../src/main.js';
import { loadConfig } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createTestDatabase } from '../../support/db.js';

describe('a started app: /health, /info, /metrics', () => {
  let running: Running;
  let base: string;
  beforeAll(async () => {
    // No worker role: the webhook deliveries planted below must stay undelivered.
    const config = loadConfig({
      DATABASE_URL: await createTestDatabase(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ROLES: 'api,projector',
    });
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

  interface Health {
    status: string;
    projections: Record<string, { state: string; lag_seconds: number; parked: number }>;
    webhooks: { due: number; oldest_due_seconds: number };
    problems: string[];
  }
  const health = async (): Promise<{ code: number; body: Health }> => {
    const response = await fetch(`${base}/health`);
    return { code: response.status, body: (await response.json()) as Health };
  };
  const eventually = async (
    check: (h: { code: number; body: Health }) => boolean,
  ): Promise<{ code: number; body: Health }> => {
    // A loaded machine (CI on two cores) starts a dozen projections in more than a few seconds.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await health();
      if (check(answer) || Date.now() > deadline) return answer;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  /** Waits until the projections have started and caught up, so a test that changes one sees only its own change. */
  const current = () =>
    eventually(
      (h) =>
        h.body.status === 'ok' &&
        ['members', 'programs', 'webhook-dispatcher'].every((name) => Object.keys(h.body.projections).includes(name)) &&
        // What the app writes at start (the sandbox catalogue) applied everywhere.
        Object.values(h.body.projections).every((p) => p.lag_seconds === 0),
    );

  it('when every read model is current and no webhook is due, then /health names each projection running with nothing parked', async () => {
    const { code, body } = await current();
    expect(code).toBe(200);
    expect(body.problems).toEqual([]);
    expect(body.webhooks).toEqual({ due: 0, oldest_due_seconds: 0 });
    expect(Object.keys(body.projections)).toEqual(
      expect.arrayContaining(['members', 'programs', 'webhook-dispatcher']),
    );
    for (const projection of Object.values(body.projections))
      expect(projection).toEqual({ state: 'running', lag_seconds: 0, parked: 0 });
  });

  it('when a projection has a parked event, then /health is 200 degraded naming it, and ok again once it is skipped', async () => {
    await current();
    const knex = running.infra.knex;
    const [row] = await knex('gs_parked_events')
      .insert({
        projection: 'members',
        event_id: randomUUID(),
        stream_name: 'member-x',
        stream_revision: 0,
        event_type: 'MemberRegistered',
        commit_position: 1,
        prepare_position: 1,
        error: 'duplicate key',
        attempts: 5,
        first_failed_at: new Date(),
        last_failed_at: new Date(),
      })
      .returning<Array<{ id: string }>>('id');
    const degraded = await health();
    expect(degraded.code).toBe(200);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.problems).toEqual(['projection members: 1 parked event']);
    expect(degraded.body.projections.members).toMatchObject({ parked: 1 });
    await knex('gs_parked_events').where({ id: row!.id }).update({ status: 'skipped' });
    expect((await health()).body).toMatchObject({ status: 'ok', problems: [] });
  });

  it('when webhook deliveries have been due for more than 300 s, then /health is 200 degraded saying so', async () => {
    await current();
    const knex = running.infra.knex;
    const id = randomUUID();
    await knex('gs_webhook_deliveries').insert({
      id,
      program_id: randomUUID(),
      subscription_id: randomUUID(),
      sequence: 1,
      event_name: 'member.created',
      body: '{}',
      status: 'pending',
      next_attempt_at: knex.raw("now() - interval '400 seconds'"),
    });
    const { code, body } = await health();
    expect(code).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.webhooks.due).toBe(1);
    expect(body.webhooks.oldest_due_seconds).toBeGreaterThanOrEqual(400);
    expect(body.problems).toEqual([expect.stringMatching(/^webhooks: a delivery has been due for \d+(\.\d)? s$/)]);
    await knex('gs_webhook_deliveries').where({ id }).update({ status: 'delivered' });
    expect((await health()).body.status).toBe('ok');
  });

  it('when a projection has an event of its own waiting longer than 30 s, then /health is 200 degraded: lagging', async () => {
    await current();
    await running.runner.stop();
    const { position } = await running.infra.store.append(
      `program-${randomUUID()}`,
      [{ id: randomUUID(), type: 'ProgramCreated', data: {} }],
      { expectedRevision: 'no_stream' },
    );
    await running.infra
      .knex('gs_events')
      .where({ seq: position.prepare.toString() })
      .update({ created_at: running.infra.knex.raw("now() - interval '45 seconds'") });
    const { code, body } = await health();
    expect(code).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.projections.programs).toMatchObject({ state: 'lagging', parked: 0 });
    expect(body.projections.programs!.lag_seconds).toBeGreaterThanOrEqual(45);
    expect(body.problems).toContainEqual(expect.stringMatching(/^projection programs: lagging \d+(\.\d)? s behind$/));
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
    expect(text).toMatch(
      /goodstream_http_request_duration_seconds_count\{method="GET",route="\/info",status="200"\} \d+/,
    );
    expect(text).toContain('# TYPE goodstream_projection_lag_seconds gauge');
  });

  it('answers an unknown route with the contract envelope', async () => {
    const response = await fetch(`${base}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error_name: 'not_found',
      error_message: 'no route GET /v1/nothing-here',
      details: [],
    });
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
