import { Router } from 'express';
import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { Metrics } from '../../platform/metrics.js';

/** When /health says degraded while every dependency answers. */
export interface HealthLimits {
  /** A projection whose oldest event not yet applied is older than this is lagging. */
  readonly maxProjectionLagSeconds: number;
  /** More webhook deliveries due and not delivered than this is a backlog. */
  readonly maxWebhookBacklog: number;
  /** A due delivery waiting longer than this means deliveries are not going out. */
  readonly maxWebhookDueSeconds: number;
}

export const DEFAULT_HEALTH_LIMITS: HealthLimits = {
  maxProjectionLagSeconds: 30,
  maxWebhookBacklog: 1000,
  maxWebhookDueSeconds: 300,
};

export interface PlatformDeps {
  readonly knex: Knex;
  readonly redis: Redis;
  readonly store: EventStore;
  readonly metrics: Metrics;
  readonly version: string;
  readonly startedAt: Date;
  /** HEALTH_MAX_PROJECTION_LAG_SECONDS and HEALTH_MAX_WEBHOOK_BACKLOG; the defaults otherwise. */
  readonly health?: Partial<HealthLimits>;
}

const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(probe: () => Promise<T>, timeoutMs = PROBE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)),
  );
  return Promise.race([probe(), timeout]).finally(() => clearTimeout(timer));
}

async function check(
  probe: () => Promise<unknown>,
): Promise<{ status: 'up' | 'down'; latency_ms: number; error?: string }> {
  const started = performance.now();
  try {
    await withTimeout(probe);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latency_ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/**
 * Reads in a transaction whose statements PostgreSQL itself stops at the probe's timeout: a slow probe never piles up.
 */
async function bounded<T>(knex: Knex, sql: string, bindings: readonly (string | number)[] = []): Promise<T[]> {
  return withTimeout(() =>
    knex.transaction(async (trx) => {
      await trx.raw(`set local statement_timeout = ${PROBE_TIMEOUT_MS}`);
      return (await trx.raw<{ rows: T[] }>(sql, [...bindings])).rows;
    }),
  );
}

interface ProjectionRow {
  name: string;
  status: string;
  lag_seconds: string | number | null;
  parked: string | number;
}

/**
 * Per projection: its oldest event of its own types past its checkpoint (its age
 * is the lag a user feels: a write not yet readable), and its parked events.
 * Each projection's look starts at its checkpoint and stops at its first event.
 */
const PROJECTIONS_SQL = `
  select c.name, c.status, (
      select extract(epoch from now() - e.created_at) from gs_events e
      where e.type = any(c.event_types) and (e.transaction_id, e.seq) > (c.commit_position::text::xid8, c.prepare_position::bigint)
      order by e.transaction_id, e.seq limit 1
    ) as lag_seconds,
    (select count(*) from gs_parked_events p where p.projection = c.name and p.status = 'parked') as parked
  from gs_checkpoints c order by c.name`;

/** Deliveries due and not delivered, counted up to one past the limit, and how long the oldest has been due. */
const WEBHOOKS_SQL = `
  select count(*) as due, extract(epoch from now() - min(next_attempt_at)) as oldest_due_seconds from (
    select next_attempt_at from gs_webhook_deliveries where status = 'pending' and next_attempt_at <= now()
    order by next_attempt_at limit ?) d`;

type ProjectionHealth = { state: 'running' | 'lagging' | 'failed' | 'rebuilding'; lag_seconds: number; parked: number };

const seconds = (value: string | number | null): number => Math.max(0, Math.round(Number(value ?? 0) * 10) / 10);

async function projectionsHealth(
  knex: Knex,
  limits: HealthLimits,
  problems: string[],
): Promise<Record<string, ProjectionHealth>> {
  const rows = await bounded<ProjectionRow>(knex, PROJECTIONS_SQL);
  const out: Record<string, ProjectionHealth> = {};
  for (const row of rows) {
    const lag = seconds(row.lag_seconds);
    const parked = Number(row.parked);
    const lagging = lag > limits.maxProjectionLagSeconds;
    const state = lagging ? 'lagging' : row.status === 'failed' || row.status === 'rebuilding' ? row.status : 'running';
    out[row.name] = { state, lag_seconds: lag, parked };
    if (parked > 0) problems.push(`projection ${row.name}: ${parked} parked event${parked === 1 ? '' : 's'}`);
    if (lagging) problems.push(`projection ${row.name}: lagging ${lag} s behind`);
  }
  return out;
}

async function webhooksHealth(
  knex: Knex,
  limits: HealthLimits,
  problems: string[],
): Promise<{ due: number; oldest_due_seconds: number }> {
  const [row] = await bounded<{ due: string | number; oldest_due_seconds: string | number | null }>(
    knex,
    WEBHOOKS_SQL,
    [limits.maxWebhookBacklog + 1],
  );
  const due = Number(row?.due ?? 0);
  const oldest = seconds(row?.oldest_due_seconds ?? null);
  if (due > limits.maxWebhookBacklog) problems.push(`webhooks: more than ${limits.maxWebhookBacklog} deliveries due`);
  if (oldest > limits.maxWebhookDueSeconds) problems.push(`webhooks: a delivery has been due for ${oldest} s`);
  return { due, oldest_due_seconds: oldest };
}

/** A part of the answer whose probe failed says so, and so does the answer. */
async function orProblem<T>(what: string, problems: string[], probe: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await probe();
  } catch (error) {
    problems.push(`${what}: not read (${(error as Error).message})`);
    return { error: (error as Error).message };
  }
}

export function platformRoutes(deps: PlatformDeps): Router {
  const router = Router();
  const limits: HealthLimits = { ...DEFAULT_HEALTH_LIMITS, ...deps.health };

  router.get('/health', async (_req, res) => {
    const problems: string[] = [];
    const [postgres, redis, eventStore, projections, webhooks] = await Promise.all([
      check(() => deps.knex.raw('select 1')),
      check(() => deps.redis.ping()),
      check(() => deps.store.ping()),
      orProblem('projections', problems, () => projectionsHealth(deps.knex, limits, problems)),
      orProblem('webhooks', problems, () => webhooksHealth(deps.knex, limits, problems)),
    ]);
    const checks = { postgres, redis, event_store: { ...eventStore, kind: deps.store.kind } };
    const up = [postgres, redis, eventStore].every((c) => c.status === 'up');
    const status = up && problems.length === 0 ? 'ok' : 'degraded';
    res.status(up ? 200 : 503).json({ status, checks, projections, webhooks, problems });
  });

  router.get('/info', (_req, res) => {
    res.json({
      name: 'goodstream',
      version: deps.version,
      event_store: deps.store.kind,
      started_at: deps.startedAt.toISOString(),
      uptime_seconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
      node: process.version,
    });
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
