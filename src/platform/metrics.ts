import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per app instance, so tests can run several side by side. */
export function createMetrics() {
  const registry = new Registry();
  const queues: QueueLike[] = [];
  const parkedSources: ParkedSource[] = [];
  collectDefaultMetrics({ register: registry, prefix: 'goodstream_' });
  // Gauges named like counters: `promtool check metrics` rejects them, so scrapers' linters would too.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(`goodstream_${name}`);
  }
  return {
    registry,
    httpDuration: new Histogram({
      name: 'goodstream_http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    projectionEvents: new Counter({
      name: 'goodstream_projection_events_total',
      help: 'Events applied by each projection',
      labelNames: ['projection'] as const,
      registers: [registry],
    }),
    projectionLag: new Gauge({
      name: 'goodstream_projection_lag_seconds',
      help: 'Age of the newest event a projection has applied while it is behind; 0 when caught up',
      labelNames: ['projection'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'goodstream_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
      // Read at scrape time, so the figure is never older than the scrape.
      async collect() {
        for (const queue of queues) {
          const counts = await queue
            .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')
            .catch(() => undefined);
          for (const [state, count] of Object.entries(counts ?? {})) this.set({ queue: queue.name, state }, count);
        }
      },
    }),
    replayStreams: new Gauge({
      name: 'goodstream_replay_streams_open',
      help: 'Replays streaming to a client now (GET /v1/events and /v1/streams as NDJSON)',
      registers: [registry],
    }),
    projectionParked: new Gauge({
      name: 'goodstream_projection_parked_events',
      help: 'Events a projection failed on and passed over, still parked (neither retried nor skipped)',
      labelNames: ['projection'] as const,
      registers: [registry],
      // Read from the database at scrape time: an operator's retry or skip in the CLI shows at once.
      async collect() {
        for (const source of parkedSources) {
          const counts = await source.read().catch(() => undefined);
          if (!counts) continue;
          for (const name of new Set([...source.names, ...counts.keys()]))
            this.set({ projection: name }, counts.get(name) ?? 0);
        }
      },
    }),
    watchQueue(queue: QueueLike) {
      queues.push(queue);
    },
    /** Reports the parked events of these projections (0 for each with none, so the series exist before trouble). */
    watchParked(names: readonly string[], read: () => Promise<ReadonlyMap<string, number>>) {
      parkedSources.push({ names, read });
    },
  };
}

interface ParkedSource {
  readonly names: readonly string[];
  read(): Promise<ReadonlyMap<string, number>>;
}

interface QueueLike {
  readonly name: string;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
}

export type Metrics = ReturnType<typeof createMetrics>;
