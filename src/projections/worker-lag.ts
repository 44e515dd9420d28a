import type { Metrics } from '../platform/metrics.js';
import { comparePositions, type Position } from '../platform/eventstore/position.js';
import type { EventStore, ReadAllPage } from '../platform/eventstore/types.js';

/**
 * Scrapers see the lag series from the moment a worker takes over, not only once it has applied
 * a page (absent series break alerts). Behind the head, the checkpoint's age bounds the lag until
 * the first page measures it.
 */
export async function reportLagOnTakeover(
  metrics: Metrics | undefined,
  store: EventStore,
  projection: string,
  from: Position,
  savedAt: Date,
): Promise<void> {
  if (!metrics) return;
  const head = await store.headPosition();
  const lag = comparePositions(from, head) >= 0 ? 0 : Math.max(0, (Date.now() - savedAt.getTime()) / 1000);
  metrics.projectionLag.set({ projection }, lag);
}

/**
 * After a page: an empty one means caught up; otherwise the lag is the age of its last event, unless it reached the
 * end.
 */
export function reportPageLag(metrics: Metrics | undefined, projection: string, page: ReadAllPage): void {
  if (page.events.length === 0) {
    metrics?.projectionLag.set({ projection }, 0);
    return;
  }
  const last = page.events.at(-1);
  metrics?.projectionEvents.inc({ projection }, page.events.length);
  metrics?.projectionLag.set(
    { projection },
    page.isEnd || !last ? 0 : Math.max(0, (Date.now() - last.createdAt.getTime()) / 1000),
  );
}
