import type { Subject, Subscription } from 'rxjs';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import { HELD_BACK } from '../platform/eventstore/paging.js';
import type { EventStore, ReadAllOptions, ReadAllPage } from '../platform/eventstore/types.js';
import type { Logger } from '../platform/logger.js';
import { LookCache, type Look } from './scout-cache.js';

/** What the scout needs of a projection worker. */
export interface Scouted {
  readonly eventTypes: ReadonlySet<string>;
  /** Where the worker has read up to; undefined while it does not run here. */
  position(): Position | undefined;
  /** A read-your-writes wait is pending for a position past the worker's. */
  wanted(): Position | undefined;
  readonly wakeups: Subject<void>;
}

/** Events one read of the scout takes; a poll at the end of the log is answered from a look this recent. */
const SCOUT_PAGE = 1000;
const FRESH_MS = 200;
/**
 * A worker nobody waits on is woken at most once per GATHER_MS: the first event after a quiet while wakes it at once,
 * and what comes within the window after a wake-up gathers for the next, so under load one transaction carries the
 * events of several commands instead of one each (most of a page's cost is its transaction, not its events). A
 * read-your-writes wait on it wakes it at once.
 */
export const GATHER_MS = 40;

const after = (a: Position, b: Position): boolean => comparePositions(a, b) > 0;

/**
 * One read of the log for every projection instead of one each: every append used to make each of the app's read
 * models run its own query, most of them to find nothing of theirs, and a burst made each of them scan the whole
 * backlog for its few events. The scout reads the log in order, a page at a time, unfiltered, until its end; for
 * each page it wakes only the workers with an event of theirs in it (or a read-your-writes wait held on them) and
 * marks the others checked past it. It keeps the pages it read (a bounded window): a woken worker's read of a range
 * they cover is answered from them, its types only, so a backlog is read from the database once, not once per read
 * model. Behind the store's horizon the log never changes, so a page is true for the range it covers.
 */
export class WakeupScout {
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private again = false;
  /** Per worker, how far the log is known to hold nothing of its own. */
  private readonly checked = new WeakMap<Scouted, Position>();
  private readonly cache = new LookCache();
  /** When the last look reached the end of the log; resolved when the look under way adds a page, or ends. */
  private endedAt = 0;
  private grown = Promise.withResolvers<void>();
  /** The workers whose events gather, by the timer that wakes them. */
  private readonly gathering = new Map<Scouted, NodeJS.Timeout>();
  private readonly wokenAt = new WeakMap<Scouted, number>();

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
    for (const timer of this.gathering.values()) clearTimeout(timer);
    this.gathering.clear();
  }

  /** Looks now (as a read-your-writes wait asks); asked during a look, one more after it. Resolves after that one. */
  look(): Promise<void> {
    if (this.loop) {
      this.again = true;
      return this.loop;
    }
    this.loop = this.lookWhileAsked().finally(() => {
      this.loop = undefined;
      this.grew();
    });
    return this.loop;
  }

  /** A worker's reader: ranges the scout's pages cover are answered from them; others are read from the log. */
  readerFor(worker: Scouted): Pick<EventStore, 'readAll'> {
    return { readAll: (options = {}) => this.read(worker, options) };
  }

  private async read(worker: Scouted, options: ReadAllOptions): Promise<ReadAllPage> {
    const from = options.from ?? START;
    const types = options.filter?.eventTypes;
    if (options.filter?.categories || options.filter?.tenantId !== undefined || !types)
      return this.store.readAll(options);
    const wanted = new Set(types);
    // Each turn waits for a page of the look under way, or for a look: a few turns at most.
    for (let turn = 0; turn < 10; turn++) {
      const answer = this.cache.answer(from, wanted, options.maxCount ?? SCOUT_PAGE);
      if (answer) {
        // The worker has reached the last page read: read on, so the next ones are there when it asks.
        if (!answer.isEnd && this.cache.pastEnd(answer.next)) void this.look();
        return answer;
      }
      // Known to hold nothing of its own up to there: read on from it.
      const checked = this.checked.get(worker);
      if (checked && after(checked, from)) return { events: [], next: checked, isEnd: false };
      if (!this.cache.pastEnd(from)) break;
      // At the end of what was read: the look under way, or a new one (a poll: one look answers every worker).
      if (this.loop) await this.grown.promise;
      else if (Date.now() - this.endedAt > FRESH_MS) await this.look();
      else return { events: [], next: from, isEnd: true };
    }
    return this.store.readAll(options);
  }

  private async lookWhileAsked(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.lookOnce();
      } while (this.again);
    } catch (error) {
      // A failed look must not leave anyone asleep: wake them all, they read for themselves.
      this.logger?.warn({ err: error }, 'scout read failed; waking every projection');
      this.cache.clear();
      for (const worker of this.workers()) worker.wakeups.next();
    }
  }

  /** Reads from where the last look ended (or the furthest-behind worker) to the end of the log, page by page. */
  private async lookOnce(): Promise<void> {
    const workers = [...this.workers()];
    const positions = workers.map((w) => this.checkedUpTo(w)).filter((p): p is Position => p !== undefined);
    if (positions.length === 0) return;
    const behind = positions.reduce((min, p) => (comparePositions(p, min) < 0 ? p : min));
    this.cache.dropBefore(behind);
    const end = this.cache.end();
    let from = end && !after(behind, end) ? end : behind;
    for (let heldBack = 0; ;) {
      const page = await this.store.readAll({ from, maxCount: SCOUT_PAGE });
      const look = this.cache.add(from, page);
      this.wake(workers, look);
      this.grew();
      // Held back by a transaction that had already ended: a read now sees past it (a few times, then the poll).
      if (page.isEnd && !(page.heldBack === true && heldBack++ < HELD_BACK.reads)) break;
      if (page.isEnd) await new Promise((resolve) => setTimeout(resolve, HELD_BACK.ms));
      from = page.next;
    }
    this.endedAt = Date.now();
  }

  private grew(): void {
    const { resolve } = this.grown;
    this.grown = Promise.withResolvers<void>();
    resolve();
  }

  /** Wakes the workers with events of their own in the look, or a wait held on them; marks the others past it. */
  private wake(workers: readonly Scouted[], look: Look): void {
    for (const worker of workers) {
      const at = this.checkedUpTo(worker);
      if (at === undefined) continue;
      const wanted = worker.wanted();
      const position = worker.position();
      if (wanted !== undefined && position !== undefined && after(wanted, position)) {
        this.wakeNow(worker);
        continue;
      }
      if (!after(look.next, at)) continue;
      const own = [...worker.eventTypes].some((type) => {
        const last = look.lastOfType.get(type);
        return last !== undefined && after(last, at);
      });
      // Before the look, a gap only a read of its own covers: it was woken for it already; wake it again.
      if (own || after(look.from, at)) this.wakeSoon(worker);
      else this.checked.set(worker, look.next);
    }
  }

  private wakeNow(worker: Scouted): void {
    clearTimeout(this.gathering.get(worker));
    this.gathering.delete(worker);
    this.wokenAt.set(worker, Date.now());
    worker.wakeups.next();
  }

  /** Wakes the worker now if it was not woken within GATHER_MS, else when that window ends. */
  private wakeSoon(worker: Scouted): void {
    if (this.gathering.has(worker)) return;
    const wait = (this.wokenAt.get(worker) ?? 0) + GATHER_MS - Date.now();
    if (wait <= 0) return this.wakeNow(worker);
    const timer = setTimeout(() => this.wakeNow(worker), wait);
    timer.unref();
    this.gathering.set(worker, timer);
  }

  /**
   * How far the log holds nothing for a worker: its position, or further where a look found none of its events.
   * The next look starts from there, so a projection that rarely has events does not make every look read again all
   * that came since it last moved.
   */
  private checkedUpTo(worker: Scouted): Position | undefined {
    const position = worker.position();
    if (position === undefined) {
      this.checked.delete(worker);
      return undefined;
    }
    const checked = this.checked.get(worker);
    return checked && after(checked, position) ? checked : position;
  }
}
