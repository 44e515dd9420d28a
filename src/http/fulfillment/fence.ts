import type { RequestHandler } from 'express';
import { comparePositions, type Position } from '../../platform/eventstore/position.js';

/** The paths whose answers come from fulfillment's read models. */
const READ_MODEL_PATHS = ['/v1/orders', '/v1/promotions', '/v1/rewards', '/v1/redemptions'];

/**
 * Read-your-writes for the writes this process answers without waiting for the read model (a new order is answered
 * from its decided state): each program's furthest such write is kept, and any later request of that program on a
 * path served by the read models waits until the projection has applied it. A request that reads nothing it wrote
 * (or comes after the projection has caught up) does not wait. A read served by another process does not know these
 * writes: instances behind one load balancer should keep a program's requests on one instance (or wait on writes).
 */
export class ReadFence {
  private readonly fences = new Map<string, Position>();

  constructor(private readonly settled: (position: Position | undefined) => Promise<void>) {}

  wrote(programId: string, position: Position | undefined): void {
    if (!position) return;
    const fence = this.fences.get(programId);
    if (!fence || comparePositions(position, fence) > 0) this.fences.set(programId, position);
  }

  async reached(programId: string): Promise<void> {
    const fence = this.fences.get(programId);
    if (!fence) return;
    await this.settled(fence);
    if (this.fences.get(programId) === fence) this.fences.delete(programId);
  }

  /** Holds a program's request on a read-model path until its fence is reached; creating an order reads no fence. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const programId = res.locals.programId as string | undefined;
      if (programId === undefined || !this.fences.has(programId)) return next();
      if (!READ_MODEL_PATHS.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
      if (req.method === 'POST' && req.path === '/v1/orders') return next();
      this.reached(programId).then(() => next(), next);
    };
  }
}
