import type { Knex } from 'knex';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import { consumePages } from '../platform/eventstore/paging.js';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import type { EventStore, ReadAllPage } from '../platform/eventstore/types.js';
import { readCheckpoint, recordFailure, resetCheckpoint, saveCheckpoint } from './checkpoints.js';
import { ProjectionLock, type HeldLock, type LockSession } from './lock.js';
import { applyAll, type Projection } from './projection.js';
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
      const { from, savedAt } = await this.prepare();
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

  /** The checkpoint to resume from; a new version starts the read model afresh. */
  private async prepare(): Promise<{ from: Position; savedAt: Date }> {
    const { knex } = this.deps;
    const checkpoint = await readCheckpoint(knex, this.projection.name);
    if (checkpoint && checkpoint.version === this.projection.version) return { from: checkpoint.position, savedAt: checkpoint.updatedAt };
    this.deps.logger.info({ projection: this.projection.name, from: checkpoint?.version, to: this.projection.version }, 'projection rebuilding');
    await knex.transaction(async (trx) => {
      for (const table of this.projection.tables) await trx.raw('truncate table ??', [table]);
      await resetCheckpoint(trx, this.projection.name, this.projection.version);
    });
    return { from: START, savedAt: new Date() };
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
    await this.save(page, current);
    this.position.next(page.next);
    const last = page.events.at(-1);
    this.deps.metrics?.projectionEvents.inc({ projection: this.projection.name }, page.events.length);
    this.deps.metrics?.projectionLag.set(
      { projection: this.projection.name },
      page.isEnd || !last ? 0 : Math.max(0, (Date.now() - last.createdAt.getTime()) / 1000),
    );
  }

  private async save(page: ReadAllPage, current: Position): Promise<void> {
    const next = comparePositions(page.next, current) > 0 ? page.next : current;
    await this.deps.knex.transaction(async (trx) => {
      await applyAll(this.projection, trx, page.events);
      await saveCheckpoint(trx, this.projection.name, next, page.events.length);
    });
    if (page.events.length > 0) this.changes += 1;
    this.lastSaved = Date.now();
    if (page.events.length > 0 && this.projection.afterCommit) {
      await this.projection.afterCommit(page.events).catch((err: unknown) =>
        this.deps.logger.warn({ projection: this.projection.name, err }, 'after-commit work failed; it is recovered from the rows'),
      );
    }
  }

  private async fail(error: unknown): Promise<void> {
    this.holding = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.error({ projection: this.projection.name, err: error }, 'projection failed; it resumes from its checkpoint');
    await recordFailure(this.deps.knex, this.projection.name, message).catch(() => undefined);
    // Resume from what was committed, not from what this process had in memory.
    this.position.next(undefined);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), this.deps.retryMs);
  }
}
