import { combineLatest, filter, firstValueFrom, map, race, timer } from 'rxjs';
import { readCheckpoint } from './checkpoints.js';
import { parkedCounts } from './parked.js';
import { LockSession } from './lock.js';
import type { Projection } from './projection.js';
import { WakeupScout } from './scout.js';
import { ProjectionWorker, type WorkerDeps } from './worker.js';
import { comparePositions, type Position } from '../platform/eventstore/position.js';

type Defaulted = 'batchSize' | 'pollMs' | 'retryMs' | 'maxAttempts';
export type RunnerDeps = Omit<WorkerDeps, Defaulted> & Partial<Pick<WorkerDeps, Defaulted>>;

/** Runs every projection of the app, one worker each. */
export class ProjectionRunner {
  private readonly workers: Map<string, ProjectionWorker>;

  constructor(
    projections: readonly Projection[],
    private readonly deps: RunnerDeps,
  ) {
    this.scout = new WakeupScout(deps.store, () => [...this.workers.values()].map((w) => w.scouted), deps.logger);
    const full: WorkerDeps = {
      batchSize: 1000,
      pollMs: 500,
      retryMs: 2_000,
      maxAttempts: 5,
      locks: new LockSession(deps.databaseUrl),
      scout: this.scout,
      ...deps,
    };
    this.workers = new Map(projections.map((p) => [p.name, new ProjectionWorker(p, full)]));
    deps.metrics?.watchParked(
      projections.map((p) => p.name),
      () => parkedCounts(deps.knex),
    );
  }

  private readonly scout: WakeupScout;

  private running = false;

  start(): void {
    this.running = true;
    this.scout.start();
    for (const worker of this.workers.values()) worker.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.scout.stop();
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  /**
   * Read-your-writes: resolves true once every named projection has applied
   * everything up to `position`, false when `timeoutMs` runs out first. A
   * projection this process does not run is followed through its saved checkpoint.
   */
  async waitFor(position: Position, names: readonly string[], timeoutMs: number): Promise<boolean> {
    const workers = names.map((name) => this.workers.get(name));
    if (!this.running || workers.some((w) => w === undefined)) return this.pollCheckpoints(position, names, timeoutMs);
    for (const worker of workers) worker!.want(position);
    const reached = (p: Position | undefined): boolean => p !== undefined && comparePositions(p, position) >= 0;
    const done = combineLatest(workers.map((w) => w!.position.pipe(map(reached)))).pipe(
      filter((all) => all.every(Boolean)),
      map(() => true),
    );
    return firstValueFrom(race(done, timer(timeoutMs).pipe(map(() => false))));
  }

  private async pollCheckpoints(position: Position, names: readonly string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(names.map((name) => readCheckpoint(this.deps.knex, name)));
      if (checkpoints.every((c) => c && comparePositions(c.position, position) >= 0)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * A number that changes whenever one of the named read models changes, or
   * undefined when this process cannot tell (it does not run them all, or does
   * not hold their locks): what a cache of those read models may key on.
   */
  readModelStamp(names: readonly string[]): number | undefined {
    if (!this.running) return undefined;
    let sum = 0;
    for (const name of names) {
      const stamp = this.workers.get(name)?.stamp();
      if (stamp === undefined) return undefined;
      sum += stamp;
    }
    return sum;
  }

  positionOf(name: string): Position | undefined {
    return this.workers.get(name)?.position.value;
  }
}
