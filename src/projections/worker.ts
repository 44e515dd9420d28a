import type { Knex } from 'knex';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import { consumePages } from '../platform/eventstore/paging.js';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import type { EventStore, ReadAllPage, RecordedEvent } from '../platform/eventstore/types.js';
import { readCheckpoint, recordEventTypes, recordFailure, resetCheckpoint, saveCheckpoint } from './checkpoints.js';
import { ProjectionLock, type HeldLock, type LockSession } from './lock.js';
import { errorText, isInfrastructureError, parkEvent, type Failure } from './parked.js';
import { applyAll, applyEach, rebuildReadModel, type Projection } from './projection.js';
import type { Scouted, WakeupScout } from './scout.js';

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

/** The first wait before trying a failing event again; it doubles up to `retryMs`, so 5 tries park within 4 s. */
const FIRST_BACKOFF_MS = 250;

/** The page stopped before an event that failed, to be tried again after a backoff. */
class EventFailed extends Error {
  constructor(
    readonly event: RecordedEvent,
    readonly failure: Failure,
  ) {
    super(failure.error);
  }
}

interface OneByOne {
  readonly applied: readonly RecordedEvent[];
  readonly parked: ReadonlyArray<{ readonly event: RecordedEvent; readonly failure: Failure }>;
  readonly failed?: EventFailed;
  readonly at: Position;
}

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
  /** The event this worker failed on last, and how many times in a row. */
  private failing: (Failure & { readonly eventId: string }) | undefined;

  constructor(
    readonly projection: Projection,
    private readonly deps: WorkerDeps,
  ) {
    this.lock = deps.locks ? deps.locks.lockFor(projection.name) : new ProjectionLock(deps.databaseUrl, projection.name);
    this.scouted = { eventTypes: new Set(projection.eventTypes), position: () => this.position.value, wanted: () => this.wanted(), wakeups: this.wakeups };
  }

  /** A command waits for this position: look now, and stay wakeable until it is reached. */
  want(position: Position): void {
    const at = this.position.value;
    if (at && comparePositions(at, position) >= 0) return;
    if (!this.wantedAt || comparePositions(position, this.wantedAt) > 0) this.wantedAt = position;
    // The scout's look wakes this worker, which then reads from it: one read of the log, not two.
    if (this.deps.scout) this.deps.scout.look();
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
      const prepared = this.prepare();
      this.inFlight = prepared.then(
        () => undefined,
        () => undefined,
      );
      const { from, savedAt } = await prepared;
      if (this.stopped) return;
      await this.reportLagOnTakeover(from, savedAt);
      this.changes += 1;
      this.holding = true;
      this.position.next(from);
      const { store, batchSize, pollMs } = this.deps;
      const { scout } = this.deps;
      this.subscription = consumePages(scout ? scout.readerFor() : store, scout ? this.wakeups : store.changes(), { from, filter: { eventTypes: this.projection.eventTypes }, batchSize, pollMs }, (page) =>
        (this.inFlight = this.applyPage(page)),
      ).subscribe({ error: (error: unknown) => void this.fail(error) });
    } catch (error) {
      await this.fail(error);
    }
  }

  /**
   * Scrapers see the lag series from the moment this worker takes over, not only once it has applied
   * a page (absent series break alerts). Behind the head, the checkpoint's age bounds the lag until
   * the first page measures it.
   */
  private async reportLagOnTakeover(from: Position, savedAt: Date): Promise<void> {
    const { metrics, store } = this.deps;
    if (!metrics) return;
    const head = await store.headPosition();
    const lag = comparePositions(from, head) >= 0 ? 0 : Math.max(0, (Date.now() - savedAt.getTime()) / 1000);
    metrics.projectionLag.set({ projection: this.projection.name }, lag);
  }

  /** The checkpoint to resume from; a new version rebuilds the read model first, the old rows serving until it is done. */
  private async prepare(): Promise<{ from: Position; savedAt: Date }> {
    const { knex, store, logger } = this.deps;
    const { name, version, eventTypes } = this.projection;
    const checkpoint = await readCheckpoint(knex, name);
    if (checkpoint && checkpoint.version === version) {
      await recordEventTypes(knex, name, eventTypes);
      return { from: checkpoint.position, savedAt: checkpoint.updatedAt };
    }
    if (!checkpoint) {
      // A first run has no rows to keep serving: it catches up page by page, like any other.
      await knex.transaction(async (trx) => {
        for (const table of this.projection.tables) await trx.raw('truncate table ??', [table]);
        await resetCheckpoint(trx, name, version, eventTypes, 'running');
      });
      return { from: START, savedAt: new Date() };
    }
    logger.info({ projection: name, from: checkpoint.version, to: version }, 'projection rebuilding');
    const outcome = await rebuildReadModel(this.projection, {
      knex,
      store,
      batchSize: this.deps.batchSize,
      maxAttempts: this.deps.maxAttempts,
      target: await store.headPosition(),
      aborted: () => this.stopped,
      onParked: (event, failure) => this.logParked(event, failure),
    });
    if (outcome.interrupted) return { from: checkpoint.position, savedAt: checkpoint.updatedAt };
    logger.info({ projection: name, version, applied: outcome.applied, parked: outcome.parked }, 'projection rebuilt');
    return { from: outcome.position, savedAt: new Date() };
  }

  private async applyPage(page: ReadAllPage): Promise<void> {
    if (this.stopped) return;
    const current = this.position.value ?? START;
    if (page.events.length === 0) {
      // Nothing left to read: caught up.
      this.deps.metrics?.projectionLag.set({ projection: this.projection.name }, 0);
      if (comparePositions(page.next, current) <= 0) return;
      if (Date.now() - this.lastSaved > IDLE_SAVE_MS) await this.save(page, current);
      this.position.next(page.next);
      return;
    }
    this.position.next(await this.save(page, current));
    const last = page.events.at(-1);
    this.deps.metrics?.projectionEvents.inc({ projection: this.projection.name }, page.events.length);
    this.deps.metrics?.projectionLag.set(
      { projection: this.projection.name },
      page.isEnd || !last ? 0 : Math.max(0, (Date.now() - last.createdAt.getTime()) / 1000),
    );
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
      await this.projection.afterCommit(outcome.applied).catch((err: unknown) =>
        this.deps.logger.warn({ projection: this.projection.name, err }, 'after-commit work failed; it is recovered from the rows'),
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
        const failure = this.nextFailure(event, error);
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

  private nextFailure(event: RecordedEvent, error: unknown): Failure {
    const again = this.failing?.eventId === event.id ? this.failing : undefined;
    return { error: errorText(error), attempts: (again?.attempts ?? 0) + 1, firstFailedAt: again?.firstFailedAt ?? new Date() };
  }

  /** Bookkeeping once a page's transaction has committed: failure counts, logs, changes. */
  private committed(outcome: OneByOne): void {
    if (outcome.applied.length > 0 || outcome.parked.length > 0) this.changes += 1;
    this.lastSaved = Date.now();
    for (const { event, failure } of outcome.parked) this.logParked(event, failure);
    if (outcome.failed) {
      const { event, failure } = outcome.failed;
      this.failing = { ...failure, eventId: event.id };
      this.deps.logger.warn(
        { projection: this.projection.name, eventId: event.id, type: event.type, stream: event.streamName, attempt: failure.attempts, of: this.deps.maxAttempts, err: failure.error },
        'projection failed on an event; trying it again',
      );
    } else if (outcome.parked.length > 0 || outcome.applied.some((e) => e.id === this.failing?.eventId)) {
      this.failing = undefined;
    }
  }

  private logParked(event: RecordedEvent, failure: Failure): void {
    this.deps.logger.error(
      { projection: this.projection.name, eventId: event.id, type: event.type, stream: event.streamName, tenantId: event.metadata.tenantId, attempts: failure.attempts, err: failure.error },
      'event parked: the projection failed on it every time and goes on past it (npm run cli -- projections parked)',
    );
  }

  private async fail(error: unknown): Promise<void> {
    this.holding = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    const message = error instanceof Error ? error.message : String(error);
    // An event's failure was logged once, as a warning, when its page committed.
    if (!(error instanceof EventFailed)) this.deps.logger.error({ projection: this.projection.name, err: error }, 'projection failed; it resumes from its checkpoint');
    await recordFailure(this.deps.knex, this.projection.name, message).catch(() => undefined);
    // Resume from what was committed, not from what this process had in memory.
    this.position.next(undefined);
    this.retryLater(error instanceof EventFailed ? Math.min(this.deps.retryMs, FIRST_BACKOFF_MS * 2 ** (error.failure.attempts - 1)) : this.deps.retryMs);
  }

  private retryLater(delayMs = this.deps.retryMs): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
  }
}
