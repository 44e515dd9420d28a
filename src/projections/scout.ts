import type { Subject, Subscription } from 'rxjs';
import { comparePositions, type Position } from '../platform/eventstore/position.js';
import type { EventStore } from '../platform/eventstore/types.js';
import type { Logger } from '../platform/logger.js';

/** What the scout needs of a projection worker. */
export interface Scouted {
  readonly eventTypes: ReadonlySet<string>;
  /** Where the worker has read up to; undefined while it does not run here. */
  position(): Position | undefined;
  /** A read-your-writes wait is pending for a position past the worker's. */
  wanted(): Position | undefined;
  readonly wakeups: Subject<void>;
}

/** How many new events one look reads; a longer backlog wakes every worker. */
const SCOUT_PAGE = 500;

/**
 * One read of the log per wake-up instead of one per projection: every append
 * used to make each of the app's read models run its own horizon query, most of
 * them to find nothing of theirs. The scout reads what is new once and wakes
 * only the workers with an event of theirs in it, or one a read-your-writes
 * wait is held on. Events a running transaction still holds back behind the
 * horizon are seen by a later look, when that transaction's own wake-up comes.
 */
export class WakeupScout {
  private subscription: Subscription | undefined;
  private running = false;
  private again = false;

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'changes'>,
    private readonly workers: () => Iterable<Scouted>,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    this.subscription ??= this.store.changes().subscribe(() => void this.look());
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** One look at a time; wake-ups during a look make one more look after it. */
  private async look(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.lookOnce();
      } while (this.again);
    } catch (error) {
      // A failed look must not leave anyone asleep: wake them all, they read for themselves.
      this.logger?.warn({ err: error }, 'scout read failed; waking every projection');
      for (const worker of this.workers()) worker.wakeups.next();
    } finally {
      this.running = false;
    }
  }

  private async lookOnce(): Promise<void> {
    const workers = [...this.workers()];
    const positions = workers.map((w) => w.position()).filter((p): p is Position => p !== undefined);
    if (positions.length === 0) return;
    const from = positions.reduce((min, p) => (comparePositions(p, min) < 0 ? p : min));
    const page = await this.store.readAll({ from, maxCount: SCOUT_PAGE });
    for (const worker of workers) {
      const at = worker.position();
      if (at === undefined) continue;
      const wanted = worker.wanted();
      const due =
        !page.isEnd ||
        (wanted !== undefined && comparePositions(wanted, at) > 0) ||
        page.events.some((e) => worker.eventTypes.has(e.type) && comparePositions(e.position, at) > 0);
      if (due) worker.wakeups.next();
    }
  }
}
