import type { BackgroundWorker, WorkerContext } from './types.js';

/**
 * What a context's workers/<ctx>/index.ts exports: its background workers (webhook delivery is run by the webhooks
 * module).
 */
export interface WorkersModule {
  workers(ctx: WorkerContext): BackgroundWorker[];
}
