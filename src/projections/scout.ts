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

/** Events one read of the scout takes; a poll at the end of the log is answered from a look this recent. */
const SCOUT_PAGE = 1000;
const FRESH_MS = 200;
/** Events (and pages) the scout keeps in memory for the workers to read. */
const MAX_CACHED = 20_000;
const MAX_LOOKS = 200;

const after = (a: Position, b: Position): boolean => comparePositions(a, b) > 0;

/** A page the scout read: the range `from` (exclusive) to `next` (inclusive) of the log, every event in it. */
interface Look extends ReadAllPage {
  readonly from: Position;
  /** Per event type, its last event's position in the page. */
  readonly lastOfType: ReadonlyMap<string, Position>;
}

/** The pages the scout read last, one after the other, at most MAX_CACHED events in all (the oldest go first). */
class LookCache {
  private looks: Look[] = [];
  private events = 0;

  add(from: Position, page: ReadAllPage): Look {
    const end = this.end();
    if (!end || comparePositions(end, from) !== 0) this.clear();
    const lastOfType = new Map<string, Position>();
    for (const e of page.events) lastOfType.set(e.type, e.position);
    const look = { ...page, from, lastOfType };
    // An empty page that moved nothing (a poll at the head) adds nothing: only the last one's isEnd counts.
    if (page.events.length === 0 && this.looks.length > 0 && !after(page.next, from)) return look;
    this.looks.push(look);
    this.events += page.events.length;
    while (this.looks.length > 1 && (this.events > MAX_CACHED || this.looks.length > MAX_LOOKS))
      this.events -= this.looks.shift()!.events.length;
    return look;
  }

  /** Forgets the pages wholly at or before `position` (no worker needs them) but the last. */
  dropBefore(position: Position): void {
    // The last page stays: it marks where the next look starts, and answers the polls at the end.
    while (this.looks.length > 1 && !after(this.looks[0]!.next, position))
      this.events -= this.looks.shift()!.events.length;
  }

  clear(): void {
    this.looks = [];
    this.events = 0;
  }

  end(): Position | undefined {
    return this.looks.at(-1)?.next;
  }

  /** Whether `position` is at or past the end of the last page (which reached the end of the log then). */
  pastEnd(position: Position): boolean {
    const last = this.looks.at(-1);
    return last !== undefined && !after(last.next, position);
  }

  /**
   * The page a read from `from` of `types` would give, up to `maxCount` events, when the pages cover `from`: from
   * the first page holding it on, as far as they go.
   */
  answer(from: Position, types: ReadonlySet<string>, maxCount: number): ReadAllPage | undefined {
    const first = this.looks.findIndex((l) => !after(l.from, from) && after(l.next, from));
    if (first < 0) return undefined;
    const events = [];
    for (const look of this.looks.slice(first)) {
      for (const e of look.events) {
        if (!types.has(e.type) || !after(e.position, from)) continue;
        events.push(e);
        if (events.length === maxCount) return { events, next: e.position, isEnd: false };
      }
    }
    const last = this.looks.at(-1)!;
    return { events, next: last.next, isEnd: last.isEnd };
  }
}

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
    for (;;) {
      const page = await this.store.readAll({ from, maxCount: SCOUT_PAGE });
      const look = this.cache.add(from, page);
      this.wake(workers, look);
      this.grew();
      if (page.isEnd) break;
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
        worker.wakeups.next();
        continue;
      }
      if (!after(look.next, at)) continue;
      const own = [...worker.eventTypes].some((type) => {
        const last = look.lastOfType.get(type);
        return last !== undefined && after(last, at);
      });
      // Before the look, a gap only a read of its own covers: it was woken for it already; wake it again.
      if (own || after(look.from, at)) worker.wakeups.next();
      else this.checked.set(worker, look.next);
    }
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
