import type { Knex } from 'knex';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import { consumePages } from '../platform/eventstore/paging.js';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import type { EventStore, ReadAllPage, RecordedEvent } from '../platform/eventstore/types.js';
import { recordFailure, saveCheckpoint } from './checkpoints.js';
import { ProjectionLock, type HeldLock, type LockSession } from './lock.js';
import { isInfrastructureError, parkEvent, type Failure } from './parked.js';
import { applyAll, applyEach, type Projection } from './projection.js';
import type { Scouted, WakeupScout } from './scout.js';
import { reportLagOnTakeover, reportPageLag } from './worker-lag.js';
import { resumePoint } from './worker-resume.js';
import { EventFailed, FailureTracker, retryDelayMs, type OneByOne } from './worker-failures.js';

export interface WorkerDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly databaseUrl: string;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly batchSize: number;
  readonly pollMs: number;
  /** How often a standby retries the lock, and how long to wait after a failure. */
  readonly retryMs: number;
  /** Failures in a row on one event before it is parked and passed over. */
  readonly maxAttempts: number;
  /** Shared by a runner's workers; a worker alone takes a connection of its own. */
  readonly locks?: LockSession;
  /** Woken by the runner's scout, and reading through it, instead of by every change to the log. */
  readonly scout?: Pick<WakeupScout, 'readerFor' | 'look'>;
}

/** Positions seen past the last event applied are saved at most this often: saving is itself a transaction. */
const IDLE_SAVE_MS = 5_000;

/** Runs one projection: takes its lock, catches up from its checkpoint, then follows live. */
export class ProjectionWorker {
  readonly position = new BehaviorSubject<Position | undefined>(undefined);
  private readonly wakeups = new Subject<void>();
  /** The furthest position a read-your-writes wait is held on. */
  private wantedAt: Position | undefined;
  readonly scouted: Scouted;
  private readonly lock: HeldLock;
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private lastSaved = 0;
  /** Pages committed (and rebuilds begun) by this worker; undefined while it does not hold the lock. */
  private changes = 0;
  private holding = false;
  /** The page being applied: stopping waits for it, so a shutdown never cuts a transaction off. */
  private inFlight: Promise<void> = Promise.resolve();
  private readonly failures: FailureTracker;

  constructor(
    readonly projection: Projection,
    private readonly deps: WorkerDeps,
  ) {
    this.lock = deps.locks
      ? deps.locks.lockFor(projection.name)
      : new ProjectionLock(deps.databaseUrl, projection.name);
    this.failures = new FailureTracker(projection.name, deps.logger, deps.maxAttempts);
    this.scouted = {
      eventTypes: new Set(projection.eventTypes),
      position: () => this.position.value,
      wanted: () => this.wanted(),
      wakeups: this.wakeups,
    };
  }

  /** A command waits for this position: look now, and stay wakeable until it is reached. */
  want(position: Position): void {
    const at = this.position.value;
    if (at && comparePositions(at, position) >= 0) return;
    if (!this.wantedAt || comparePositions(position, this.wantedAt) > 0) this.wantedAt = position;
    // The scout's look wakes this worker, which then reads from it: one read of the log, not two.
    if (this.deps.scout) void this.deps.scout.look();
    else this.wakeups.next();
  }

  private wanted(): Position | undefined {
    const at = this.position.value;
    if (this.wantedAt && at && comparePositions(at, this.wantedAt) >= 0) this.wantedAt = undefined;
    return this.wantedAt;
  }

  /**
   * Changes whenever this worker changes its read model; undefined when another
   * process may be the one changing it (this one does not hold the lock).
   */
  stamp(): number | undefined {
    return this.holding && this.lock.isHeld() ? this.changes : undefined;
  }

  start(): void {
    this.stopped = false;
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.holding = false;
    if (this.timer) clearTimeout(this.timer);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await this.inFlight.catch(() => undefined);
    await this.lock.release();
  }

  private async run(): Promise<void> {
    try {
      if (!(await this.lock.tryAcquire())) return this.retryLater();
      if (this.stopped) return await this.lock.release();
      const prepared = resumePoint(this.projection, this.deps, {
        aborted: () => this.stopped,
        onParked: (event, failure) => this.failures.logParked(event, failure),
      });
      this.inFlight = prepared.then(
        () => undefined,
        () => undefined,
      );
      const { from, savedAt } = await prepared;
      if (this.stopped) return;
      await reportLagOnTakeover(this.deps.metrics, this.deps.store, this.projection.name, from, savedAt);
      this.changes += 1;
      this.holding = true;
      this.position.next(from);
      const { store, batchSize, pollMs } = this.deps;
      const { scout } = this.deps;
      this.subscription = consumePages(
        scout ? scout.readerFor(this.scouted) : store,
        scout ? this.wakeups : store.changes(),
        { from, filter: { eventTypes: this.projection.eventTypes }, batchSize, pollMs },
        (page) => (this.inFlight = this.applyPage(page)),
      ).subscribe({ error: (error: unknown) => void this.fail(error) });
    } catch (error) {
      await this.fail(error);
    }
  }

  private async applyPage(page: ReadAllPage): Promise<void> {
    if (this.stopped) return;
    const current = this.position.value ?? START;
    const skipped = page.events.length > 0 && (await this.projection.skips?.(page.events)) === true;
    if (page.events.length === 0 || skipped) {
      // Nothing left to read (caught up), or nothing in it to apply.
      reportPageLag(this.deps.metrics, this.projection.name, page);
      if (comparePositions(page.next, current) <= 0) return;
      if (Date.now() - this.lastSaved > IDLE_SAVE_MS) await this.save({ ...page, events: [] }, current);
      this.position.next(page.next);
      return;
    }
    this.position.next(await this.save(page, current));
    reportPageLag(this.deps.metrics, this.projection.name, page);
  }

  /** Applies the page and checkpoints it; answers where the read model now stands. */
  private async save(page: ReadAllPage, current: Position): Promise<Position> {
    const next = comparePositions(page.next, current) > 0 ? page.next : current;
    let outcome: OneByOne = { applied: page.events, parked: [], at: next };
    try {
      await this.deps.knex.transaction(async (trx) => {
        await applyAll(this.projection, trx, page.events);
        await saveCheckpoint(trx, this.projection.name, next, page.events.length);
      });
    } catch (error) {
      if (page.events.length === 0 || isInfrastructureError(error)) throw error;
      outcome = await this.saveOneByOne(page.events, current, next);
    }
    this.committed(outcome);
    if (outcome.applied.length > 0 && this.projection.afterCommit) {
      await this.projection
        .afterCommit(outcome.applied)
        .catch((err: unknown) =>
          this.deps.logger.warn(
            { projection: this.projection.name, err },
            'after-commit work failed; it is recovered from the rows',
          ),
        );
    }
    if (outcome.failed) throw outcome.failed;
    return outcome.at;
  }

  /**
   * A page failed: its events are applied one by one to find the one at fault.
   * Those before it commit with a checkpoint just before it; it is parked once it
   * has failed `maxAttempts` times in a row, and then the page goes on past it.
   */
  private async saveOneByOne(events: readonly RecordedEvent[], current: Position, next: Position): Promise<OneByOne> {
    const { name } = this.projection;
    const parked: Array<{ event: RecordedEvent; failure: Failure }> = [];
    let failed: EventFailed | undefined;
    return this.deps.knex.transaction(async (trx) => {
      const result = await applyEach(this.projection, trx, events, 1, async (event, error) => {
        const failure = this.failures.next(event, error);
        if (failure.attempts < this.deps.maxAttempts) {
          failed = new EventFailed(event, failure);
          return 'stop';
        }
        await parkEvent(trx, name, event, failure);
        parked.push({ event, failure });
        return 'parked';
      });
      const stoppedAt = result.stoppedAt ? events.indexOf(result.stoppedAt) : -1;
      const at = stoppedAt < 0 ? next : stoppedAt === 0 ? current : events[stoppedAt - 1]!.position;
      await saveCheckpoint(trx, name, at, result.applied.length);
      return { applied: result.applied, parked, at, ...(failed ? { failed } : {}) };
    });
  }

  /** Bookkeeping once a page's transaction has committed: failure counts, logs, changes. */
  private committed(outcome: OneByOne): void {
    if (outcome.applied.length > 0 || outcome.parked.length > 0) this.changes += 1;
    this.lastSaved = Date.now();
    this.failures.committed(outcome);
  }

  private async fail(error: unknown): Promise<void> {
    this.holding = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    const message = error instanceof Error ? error.message : String(error);
    // An event's failure was logged once, as a warning, when its page committed.
    if (!(error instanceof EventFailed))
      this.deps.logger.error(
        { projection: this.projection.name, err: error },
        'projection failed; it resumes from its checkpoint',
      );
    await recordFailure(this.deps.knex, this.projection.name, message).catch(() => undefined);
    // Resume from what was committed, not from what this process had in memory.
    this.position.next(undefined);
    this.retryLater(retryDelayMs(error, this.deps.retryMs));
  }

  private retryLater(delayMs = this.deps.retryMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
  }
}
