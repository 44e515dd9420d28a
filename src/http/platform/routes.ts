import { Router } from 'express';
import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { Metrics } from '../../platform/metrics.js';

export interface PlatformDeps {
  readonly knex: Knex;
  readonly redis: Redis;
  readonly store: EventStore;
  readonly metrics: Metrics;
  readonly version: string;
  readonly startedAt: Date;
}

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<{ status: 'up' | 'down'; latency_ms: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs))]);
    return { status: 'up', latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', latency_ms: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

export function platformRoutes(deps: PlatformDeps): Router {
  const router = Router();

  router.get('/health', async (_req, res) => {
    const [postgres, redis, eventStore] = await Promise.all([
      check(() => deps.knex.raw('select 1')),
      check(() => deps.redis.ping()),
      check(() => deps.store.ping()),
    ]);
    const checks = { postgres, redis, event_store: { ...eventStore, kind: deps.store.kind } };
    const up = [postgres, redis, eventStore].every((c) => c.status === 'up');
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'degraded', checks });
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
