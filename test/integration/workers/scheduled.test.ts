import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/platform/logger.js';
import { createRedis } from '../../../src/platform/redis.js';
import { scheduledWorker, type Due, type Schedule } from '../../../src/workers/shared/scheduled.js';
import type { BackgroundWorker } from '../../../src/workers/types.js';
import { eventually } from '../../support/infra.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Item = { key: string };

describe('a scheduled worker, against real Redis', () => {
  let redis: Redis;
  const started: BackgroundWorker[] = [];
  beforeAll(async () => {
    redis = createRedis(REDIS_URL);
    await redis.connect();
  });
  afterAll(async () => {
    for (const worker of started) await worker.stop();
    redis.disconnect();
  });

  /** Each test its own queue name and prefix, as BullMQ advises. */
  function worker(schedule: Omit<Schedule<Item>, 'name'>, name = `scheduled-${randomUUID()}`): BackgroundWorker {
    const made = scheduledWorker(
      { redis, config: { REDIS_URL }, logger: createLogger('silent'), queuePrefix: 'gs-test-scheduled' },
      { name, ...schedule },
    );
    started.push(made);
    return made;
  }
  const dueAll =
    (...keys: string[]) =>
    (): Promise<Array<Due<Item>>> =>
      Promise.resolve(keys.map((key) => ({ id: `item_${key}`, item: { key } })));

  it('when a tick finds items due, then each runs once with the tick clock, even when two workers tick the same items at once', async () => {
    const runs: Array<[string, string]> = [];
    const name = `scheduled-${randomUUID()}`;
    const schedule = {
      everyMs: 60_000,
      due: dueAll('a', 'b'),
      run: ({ key }: Item, now: Date) => Promise.resolve(void runs.push([key, now.toISOString()])),
      keepDoneForS: 60,
    };
    const [one, two] = [worker(schedule, name), worker(schedule, name)];
    const at = new Date('2027-01-31T10:00:00.000Z');
    const counts = await Promise.all([one.tick(at), two.tick(at), one.tick(at)]);
    expect(counts).toEqual([2, 2, 2]);
    expect(runs.sort()).toEqual([
      ['a', at.toISOString()],
      ['b', at.toISOString()],
    ]);
  });

  it('when nothing is due, then a tick queues nothing and resolves to 0', async () => {
    expect(await worker({ everyMs: 60_000, due: dueAll(), run: () => Promise.resolve() }).tick(new Date())).toBe(0);
  });

  it('when started, then it ticks at once and every interval with the clock of each tick', async () => {
    const asked: Date[] = [];
    const ticking = worker({
      everyMs: 100,
      due: (now) => (asked.push(now), Promise.resolve([])),
      run: () => Promise.resolve(),
    });
    await ticking.start();
    await eventually(
      () => asked.length,
      (n) => n >= 3,
      5_000,
    );
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked[2]!.getTime() - asked[0]!.getTime()).toBeGreaterThanOrEqual(150);
  });

  it('when a run fails, then it is tried again after pauses doubling from the backoff, and the tick waits for the success', async () => {
    const tries: number[] = [];
    const failing = worker({
      everyMs: 60_000,
      due: dueAll('x'),
      run: () => (tries.push(Date.now()), tries.length < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve()),
      retry: { attempts: 3, backoffMs: 200 },
    });
    expect(await failing.tick(new Date())).toBe(1);
    expect(tries).toHaveLength(3);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(190);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(390);
  });

  it('when a run fails and the schedule has no retry, then it is tried once and the next tick queues it again', async () => {
    let tries = 0;
    const once = worker({
      everyMs: 60_000,
      due: dueAll('y'),
      run: () => ((tries += 1), Promise.reject(new Error('declined'))),
    });
    await once.tick(new Date());
    expect(tries).toBe(1);
    await once.tick(new Date());
    expect(tries).toBe(2);
  });

  it('when stopped while a job runs, then stop waits for the job to finish, and no tick runs after', async () => {
    let finished = false;
    let asked = 0;
    const slow = worker({
      everyMs: 50,
      due: (now) => (
        (asked += 1),
        Promise.resolve(asked === 1 ? [{ id: `slow_${now.getTime()}`, item: { key: 'slow' } }] : [])
      ),
      run: async () => {
        await sleep(500);
        finished = true;
      },
    });
    await slow.start();
    await eventually(
      () => asked,
      (n) => n >= 1,
      5_000,
    );
    await sleep(100);
    expect(finished).toBe(false);
    await slow.stop();
    expect(finished).toBe(true);
    const askedAtStop = asked;
    await sleep(200);
    expect(asked).toBe(askedAtStop);
  });
});
