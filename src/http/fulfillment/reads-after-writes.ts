import { Router } from 'express';
import type { Fulfillment } from './common.js';

/** Fulfillment's paths; mounted with every context's routes, it leaves the others alone. */
const READS = /^\/v1\/(rewards|promotions|orders|redemptions|claims|admin\/outbox|admin\/rewards)(\/|$)/;

/**
 * Read-your-writes for answers built from the decided events: a program's next request (a GET, a cancel that reads
 * the order) waits until the read models hold the writes it was answered before. Per API process: a write answered
 * by another process is awaited there alone.
 */
export function readsAfterWrites(fulfillment: Fulfillment): Router {
  const router = Router();
  router.use((req, res, next) => {
    // Placing an order reads no read model: it waits for no earlier write (8 clients of one program place in parallel).
    if (!READS.test(req.path) || (req.method === 'POST' && req.path === '/v1/orders')) return next();
    const programId = typeof res.locals.programId === 'string' ? res.locals.programId : undefined;
    fulfillment.caughtUp(programId).then(() => next(), next);
  });
  return router;
}
