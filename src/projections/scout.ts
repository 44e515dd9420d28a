import type { Subject, Subscription } from 'rxjs';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import type { EventStore, ReadAllOptions, ReadAllPage } from '../platform/eventstore/types.js';
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

interface ScoutLook {
  readonly from: Position;
  readonly page: ReadAllPage;
}

/** The page a read from `options.from` would give, when the look covers it. */
function answerFrom(look: ScoutLook, options: ReadAllOptions): ReadAllPage | undefined {
  const from = options.from ?? START;
  if (options.filter?.categories || comparePositions(from, look.from) < 0 || comparePositions(from, look.page.next) > 0)
    return undefined;
  const types = options.filter?.eventTypes;
  const events = look.page.events.filter(
    (e) => comparePositions(e.position, from) > 0 && (!types || types.includes(e.type)),
  );
  return events.length <= (options.maxCount ?? SCOUT_PAGE) ? { events, next: look.page.next, isEnd: true } : undefined;
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
  /** Per worker, how far a look found nothing of its own. */
  private readonly checked = new WeakMap<Scouted, Position>();
  /** The last look, when it reached the end of the log. */
  private latest: ScoutLook | undefined;

  /**
   * A worker's reader: the first read a new look covers is answered from it,
   * which spares the worker it woke a read of the log of its own. Behind the
   * horizon the log never changes, so a look is true for the range it read; but
   * it may have stopped short of events a running transaction held back, so a
   * worker asking again (a poll) reads the log itself.
   */
  readerFor(): Pick<EventStore, 'readAll'> {
    let used: ScoutLook | undefined;
    return {
      readAll: (options = {}) => {
        const look = this.latest;
        const answer = look !== used && look ? answerFrom(look, options) : undefined;
        if (!answer) return this.store.readAll(options);
        used = look;
        return Promise.resolve(answer);
      },
    };
  }

  constructor(
    private readonly store: Pick<EventStore, 'readAll' | 'changes'>,
    private readonly workers: () => Iterable<Scouted>,
    private readonly logger?: Logger,
  ) {}

  start(): void {
    this.subscription ??= this.store.changes().subscribe(() => this.look());
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** Looks now (a read-your-writes wait asks for it too); a look asked for during one makes one more after it. */
  look(): void {
    void this.lookAgainWhileAsked();
  }

  private async lookAgainWhileAsked(): Promise<void> {
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
    const positions = workers.map((w) => this.checkedUpTo(w)).filter((p): p is Position => p !== undefined);
    if (positions.length === 0) return;
    const from = positions.reduce((min, p) => (comparePositions(p, min) < 0 ? p : min));
    const page = await this.store.readAll({ from, maxCount: SCOUT_PAGE });
    this.latest = page.isEnd ? { from, page } : undefined;
    for (const worker of workers) {
      const at = this.checkedUpTo(worker);
      if (at === undefined) continue;
      const wanted = worker.wanted();
      const position = worker.position();
      const due =
        !page.isEnd ||
        (wanted !== undefined && position !== undefined && comparePositions(wanted, position) > 0) ||
        page.events.some((e) => worker.eventTypes.has(e.type) && comparePositions(e.position, at) > 0);
      if (due) worker.wakeups.next();
      else this.checked.set(worker, page.next);
    }
  }

  /**
   * How far the log holds nothing for a worker: its position, or further where a
   * look found none of its events. The next look starts from there, so a
   * projection that rarely has events does not make every look read again all
   * that came since it last moved.
   */
  private checkedUpTo(worker: Scouted): Position | undefined {
    const position = worker.position();
    if (position === undefined) {
      this.checked.delete(worker);
      return undefined;
    }
    const checked = this.checked.get(worker);
    return checked && comparePositions(checked, position) > 0 ? checked : position;
  }
}
