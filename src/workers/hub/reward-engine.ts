import type { Knex } from 'knex';
import { asyncScheduler, throttleTime, type Subscription } from 'rxjs';
import {
  RewardEngine,
  INDEX_EVENT_TYPES,
  REWARD_ENGINE_EVENT_TYPES,
  type Work,
} from '../../commands/hub/rewards/engine.js';
import { KnownStreams } from '../../commands/hub/rewards/page-streams.js';
import { settlePage } from '../../commands/hub/rewards/settle.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { comparePositions, START, type Position } from '../../platform/eventstore/position.js';
import type { EventStore, RecordedEvent } from '../../platform/eventstore/types.js';
import { GATHER_MS } from '../../projections/scout.js';
import type { Logger } from '../../platform/logger.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const HUB_REWARD_ENGINE = 'hub-reward-engine';
const PAGE = 500;
const SAVE_IDLE_MS = 5_000;

interface EngineLoopDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** The checkpoint's name: two loops of one name share it (and meet on the same streams). */
  readonly name?: string;
  readonly pollMs?: number;
}

async function readCheckpoint(knex: Knex, name: string): Promise<Position> {
  const row = (await knex('hub_reward_engine').where({ name }).first()) as
    { commit_position: string; prepare_position: string } | undefined;
  return row ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) } : START;
}

/** Moves the checkpoint forward only: a second engine behind this one never takes it back. */
async function saveCheckpoint(knex: Knex, name: string, at: Position): Promise<void> {
  await knex.raw(
    `insert into hub_reward_engine (name, commit_position, prepare_position) values (?, ?, ?)
     on conflict (name) do update set commit_position = excluded.commit_position,
       prepare_position = excluded.prepare_position, updated_at = now()
     where (hub_reward_engine.commit_position, hub_reward_engine.prepare_position)
       < (excluded.commit_position, excluded.prepare_position)`,
    [name, at.commit.toString(), at.prepare.toString()],
  );
}

/**
 * The reward engine's loop: builds its indexes from the log up to its checkpoint, then reads on in order, counting
 * each event's effects before it moves the checkpoint (a crash replays the page; every effect is idempotent).
 */
export class RewardEngineLoop {
  private readonly engine: RewardEngine;
  /** The states of the reward, offer-total and points streams, as this engine last read or wrote them. */
  private readonly known = new KnownStreams();
  private readonly name: string;
  private position: Position = START;
  private started = false;
  private running: Promise<void> | undefined;
  private again = false;
  private savedAt = 0;
  private subscription: Subscription | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: EngineLoopDeps) {
    this.engine = new RewardEngine({ store: deps.store });
    this.name = deps.name ?? HUB_REWARD_ENGINE;
  }

  private async warmUp(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const target = await readCheckpoint(this.deps.knex, this.name);
    let from = START;
    while (comparePositions(from, target) < 0) {
      const page = await this.deps.store.readAll({ from, filter: { eventTypes: INDEX_EVENT_TYPES }, maxCount: PAGE });
      for (const event of page.events) if (comparePositions(event.position, target) <= 0) this.engine.index(event);
      if (page.isEnd || page.events.length === 0) break;
      from = page.next;
    }
    this.position = target;
  }

  /** Reads and counts until caught up with the log; resolves to how many events it handled. */
  async drain(): Promise<number> {
    await this.warmUp();
    let handled = 0;
    for (;;) {
      const page = await this.deps.store.readAll({
        from: this.position,
        filter: { eventTypes: REWARD_ENGINE_EVENT_TYPES },
        maxCount: PAGE,
      });
      await this.handlePage(page.events);
      handled += page.events.length;
      if (comparePositions(page.next, this.position) > 0) {
        this.position = page.next;
        // A poll that found nothing moves the checkpoint at most every few seconds: replaying past it is harmless.
        if (page.events.length > 0 || Date.now() - this.savedAt > SAVE_IDLE_MS) {
          await saveCheckpoint(this.deps.knex, this.name, this.position);
          this.savedAt = Date.now();
        }
      }
      if (page.isEnd) return handled;
    }
  }

  /**
   * A page's events in log order: each is indexed and says what it counts (on the offers as the log stood there),
   * then all of it is decided in memory and appended in one write (settlePage).
   */
  private async handlePage(events: readonly RecordedEvent[]): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const work: Work[] = [];
    for (const event of events) work.push(...(await this.engine.prepare(event, now)));
    await settlePage(this.deps.store, this.known, work);
  }

  /** One drain at a time; a wake-up during one runs another after it. */
  wake(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.drain();
        } catch (error) {
          this.deps.logger?.error({ err: error }, 'reward engine: a page failed; it is read again');
          await new Promise((r) => setTimeout(r, 500));
        }
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    // At most one wake-up per GATHER_MS (the first at once): under load one page, and one write, carries the events
    // of several commands.
    this.subscription = this.deps.store
      .changes()
      .pipe(throttleTime(GATHER_MS, asyncScheduler, { leading: true, trailing: true }))
      .subscribe(() => void this.wake());
    this.timer = setInterval(() => void this.wake(), this.deps.pollMs ?? 500);
    void this.wake();
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

/** The engine as the worker role runs it; `tick` drains the log now (tests, the admin route). */
export function rewardEngineWorker(ctx: WorkerContext): BackgroundWorker {
  const loop = new RewardEngineLoop({
    knex: ctx.knex,
    store: ctx.store,
    clock: systemClock,
    logger: ctx.logger,
    pollMs: ctx.config.POLL_INTERVAL_MS,
  });
  return {
    name: HUB_REWARD_ENGINE,
    start: () => Promise.resolve(loop.start()),
    tick: async () => {
      await loop.wake();
      return 0;
    },
    stop: () => loop.stop(),
  };
}
