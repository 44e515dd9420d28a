import { comparePositions, type Position } from '../../../platform/eventstore/position.js';
import type { EventFilter, EventStore, RecordedEvent } from '../../../platform/eventstore/types.js';

/** Which of a program's events a replay takes. */
export interface Selection {
  readonly filter: EventFilter & { readonly tenantId: string };
  /** Exclusive: events strictly after it. */
  readonly from?: Position;
  readonly since?: Date;
  readonly until?: Date;
}

export interface Page<E = RecordedEvent> {
  readonly events: E[];
  /** Where the next read starts: past every event returned, and past what was scanned and found not to match. */
  readonly next: Position;
  readonly isEnd: boolean;
}

/** Commit order is only roughly created_at order, so the time bounds filter; they never end a replay early. */
const inTime =
  (sel: Selection) =>
  (event: RecordedEvent): boolean =>
    (sel.since === undefined || event.createdAt >= sel.since) &&
    (sel.until === undefined || event.createdAt < sel.until);

/** One page of the selection after `from`. */
export async function readPage(store: EventStore, sel: Selection, from: Position, maxCount: number): Promise<Page> {
  const page = await store.readAll({ from, filter: sel.filter, maxCount });
  return { events: page.events.filter(inTime(sel)), next: page.next, isEnd: page.isEnd };
}

/** Reads a page of the selection after a position. */
export type PageRead<E> = (from: Position, maxCount: number) => Promise<Page<E>>;

/**
 * The selection page by page up to `bound` (the head when the replay began, so a replay under a steady write load still
 * ends). The next page is read while the caller writes this one: two pages in memory at most, whatever the size.
 */
export async function* pagesUpTo<E extends { readonly position: Position }>(
  read: PageRead<E>,
  from: Position,
  bound: Position,
  pageSize: number,
  stopped: () => boolean,
): AsyncGenerator<Page<E>> {
  if (comparePositions(from, bound) >= 0) return;
  let pending = read(from, pageSize);
  for (;;) {
    const page = await pending;
    const done = page.isEnd || comparePositions(page.next, bound) >= 0 || stopped();
    if (!done) void (pending = read(page.next, pageSize)).catch(() => undefined);
    const events = page.events.filter((e) => comparePositions(e.position, bound) <= 0);
    yield { ...page, events };
    if (done) return;
  }
}

/** A promise of the store's next wake-up, taken before a read so that a commit during the read is not missed. */
export function wakeUps(store: EventStore): { next(): Promise<void>; stop(): void } {
  let wake: () => void = () => undefined;
  let promise = new Promise<void>((resolve) => (wake = resolve));
  const subscription = store.changes().subscribe(() => {
    wake();
    promise = new Promise<void>((resolve) => (wake = resolve));
  });
  return { next: () => promise, stop: () => subscription.unsubscribe() };
}
