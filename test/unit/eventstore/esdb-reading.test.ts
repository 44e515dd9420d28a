import { START as CLIENT_START, type AllStreamSubscription, type SubscribeToAllOptions } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import type { Subscription } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import { categoriesRegex, eventPredicate, type ClientRecord } from '../../../src/platform/eventstore/esdb/mapping.js';
import { scanAll, type ChunkReader } from '../../../src/platform/eventstore/esdb/scan.js';
import { subscribeToAll } from '../../../src/platform/eventstore/esdb/subscription.js';
import { comparePositions, START, type Position } from '../../../src/platform/eventstore/position.js';
import type { SubscriptionItem } from '../../../src/platform/eventstore/types.js';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });

/** A $all log with positions 100, 200, … in order, as the client would return its entries. */
function logOf(...entries: [streamId: string, type: string][]): ClientRecord[] {
  return entries.map(([streamId, type], i) => ({
    streamId,
    type,
    id: `e${i}`,
    revision: 0n,
    created: new Date(Date.UTC(2024, 0, 1)),
    data: { i },
    metadata: { actor: 'test' },
    position: at((i + 1) * 100),
  }));
}

/** Inclusive of `from`, like the client's readAll; counts its calls. */
function readerOver(log: readonly ClientRecord[]): ChunkReader & { calls: number } {
  const reader = Object.assign(
    (from: Position | undefined, count: number) => {
      reader.calls++;
      const start = from === undefined ? 0 : log.findIndex((r) => comparePositions(r.position!, from) >= 0);
      return Promise.resolve((start === -1 ? [] : log.slice(start, start + count)).map((event) => ({ event })));
    },
    { calls: 0 },
  );
  return reader;
}

describe('EventStoreDB readAll paging', () => {
  const log = logOf(
    ['$stats-1', '$statsCollected'],
    ['order-1', 'Placed'],
    ['member-1', 'Joined'],
    ['order-2', 'Placed'],
    ['$ce-order', '$>'],
    ['order-1', 'Shipped'],
    ['member-2', 'Joined'],
  );
  const everything = eventPredicate(undefined);

  it('returns the non-system events after `from`, skipping the one at `from` that the client returns again', async () => {
    const page = await scanAll(readerOver(log), { from: at(200), accepts: everything, maxCount: 100, chunkSize: 500 });
    expect(page.events.map((e) => e.position.commit)).toEqual([300n, 400n, 600n, 700n]);
    expect(page).toMatchObject({ next: at(700), isEnd: true });
  });

  it('reads from the start when no position is given', async () => {
    const page = await scanAll(readerOver(log), { accepts: everything, maxCount: 100, chunkSize: 500 });
    expect(page.events.map((e) => e.position.commit)).toEqual([200n, 300n, 400n, 600n, 700n]);
  });

  it('pages through small chunks until maxCount events passed the filter, and resumes after the last one', async () => {
    const reader = readerOver(log);
    const accepts = eventPredicate({ categories: ['order'] });
    const first = await scanAll(reader, { accepts, maxCount: 2, chunkSize: 2 });
    expect(first.events.map((e) => e.position.commit)).toEqual([200n, 400n]);
    expect(first).toMatchObject({ next: at(400), isEnd: false });
    const second = await scanAll(reader, { from: first.next, accepts, maxCount: 2, chunkSize: 2 });
    expect(second.events.map((e) => e.position.commit)).toEqual([600n]);
    expect(second).toMatchObject({ next: at(700), isEnd: true });
  });

  it('moves a sparse reader past everything it scanned, even when it found nothing', async () => {
    const reader = readerOver(log);
    const page = await scanAll(reader, {
      from: at(100),
      accepts: eventPredicate({ categories: ['nothing'] }),
      maxCount: 10,
      chunkSize: 3,
    });
    expect(page).toEqual({ events: [], next: at(700), isEnd: true });
    expect(reader.calls).toBeGreaterThan(1);
  });

  it('reports the end only when the last chunk was short and fully used', async () => {
    const full = await scanAll(readerOver(log), { from: at(500), accepts: everything, maxCount: 2, chunkSize: 10 });
    expect(full).toMatchObject({ next: at(700), isEnd: true });
    const cut = await scanAll(readerOver(log), { from: at(500), accepts: everything, maxCount: 1, chunkSize: 10 });
    expect(cut).toMatchObject({ next: at(600), isEnd: false });
  });

  it('answers an empty log or a position at the end with no events, the same position and the end', async () => {
    expect(await scanAll(readerOver([]), { accepts: everything, maxCount: 10, chunkSize: 10 })).toEqual({
      events: [],
      next: START,
      isEnd: true,
    });
    expect(await scanAll(readerOver(log), { from: at(700), accepts: everything, maxCount: 10, chunkSize: 10 })).toEqual(
      {
        events: [],
        next: at(700),
        isEnd: true,
      },
    );
  });

  it('makes progress with a chunk size below two and reads nothing for maxCount 0', async () => {
    const page = await scanAll(readerOver(log), { from: at(200), accepts: everything, maxCount: 3, chunkSize: 1 });
    expect(page.events.map((e) => e.position.commit)).toEqual([300n, 400n, 600n]);
    expect(await scanAll(readerOver(log), { from: at(200), accepts: everything, maxCount: 0, chunkSize: 10 })).toEqual({
      events: [],
      next: at(200),
      isEnd: false,
    });
  });
});

/** Stands in for the client's subscription: a readable of resolved events that also emits caughtUp. */
class FakeSubscription extends PassThrough {
  unsubscribed = false;
  constructor() {
    super({ objectMode: true });
  }
  unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    return Promise.resolve();
  }
}

function fakeSubscription(): {
  open: (options: SubscribeToAllOptions) => AllStreamSubscription;
  fake: FakeSubscription;
  options: () => SubscribeToAllOptions;
} {
  const fake = new FakeSubscription();
  let opened: SubscribeToAllOptions | undefined;
  return {
    fake,
    open: (options) => {
      opened = options;
      return fake;
    },
    options: () => opened!,
  };
}

describe('EventStoreDB subscribeAll', () => {
  const log = logOf(
    ['order-1', 'Placed'],
    ['$ce-order', '$>'],
    ['member-1', 'Joined'],
    ['order-2', 'Placed'],
    ['order-2', 'Shipped'],
  );

  function collect(items: SubscriptionItem[]): string[] {
    return items.map((i) =>
      i.kind === 'event'
        ? `event ${i.event.position.commit}`
        : `checkpoint ${i.position.commit}${i.caughtUp ? ' caught up' : ''}`,
    );
  }

  it('subscribes from the position with a server filter, and delivers matching events after it, then a caught-up checkpoint', async () => {
    const { open, fake, options } = fakeSubscription();
    const items: SubscriptionItem[] = [];
    const subscription: Subscription = subscribeToAll(open, {
      from: at(100),
      filter: { categories: ['order'], eventTypes: ['Placed'] },
    }).subscribe((item) => items.push(item));
    expect(options().fromPosition).toEqual(at(100));
    expect(options().filter).toMatchObject({ filterOn: 'streamName', regex: categoriesRegex(['order']) });
    for (const event of log) fake.write({ event });
    fake.emit('caughtUp');
    await vi.waitFor(() => expect(items.at(-1)?.kind).toBe('checkpoint'));
    expect(collect(items)).toEqual(['event 400', 'checkpoint 500 caught up']);
    subscription.unsubscribe();
    expect(fake.unsubscribed).toBe(true);
  });

  it('starts from the client START without a position and drops system events', async () => {
    const { open, fake, options } = fakeSubscription();
    const items: SubscriptionItem[] = [];
    subscribeToAll(open).subscribe((item) => items.push(item));
    expect(options().fromPosition).toBe(CLIENT_START);
    for (const event of log) fake.write({ event });
    await vi.waitFor(() => expect(items).toHaveLength(4));
    expect(collect(items)).toEqual(['event 100', 'event 300', 'event 400', 'event 500']);
  });

  it('holds a checkpoint back until the events buffered before it have been delivered', async () => {
    const { open, fake, options } = fakeSubscription();
    const items: SubscriptionItem[] = [];
    subscribeToAll(open).subscribe((item) => items.push(item));
    fake.pause();
    fake.write({ event: log[0] });
    fake.write({ event: log[2] });
    const reached = options().filter!.checkpointReached!(fake, at(350));
    fake.emit('caughtUp');
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(items).toEqual([]);
    fake.resume();
    await reached;
    await vi.waitFor(() => expect(items).toHaveLength(4));
    expect(collect(items)).toEqual(['event 100', 'event 300', 'checkpoint 350', 'checkpoint 350 caught up']);
  });

  it('turns server checkpoints into checkpoint items that never move back', async () => {
    const { open, fake, options } = fakeSubscription();
    const items: SubscriptionItem[] = [];
    subscribeToAll(open, { filter: { categories: ['member'] } }).subscribe((item) => items.push(item));
    const reached = options().filter!.checkpointReached!;
    const subscription: AllStreamSubscription = fake;
    fake.write({ event: log[2] });
    await reached(subscription, at(400));
    await reached(subscription, at(400));
    await reached(subscription, at(350));
    fake.emit('caughtUp');
    await vi.waitFor(() => expect(items.at(-1)).toMatchObject({ caughtUp: true }));
    expect(collect(items)).toEqual(['event 300', 'checkpoint 400', 'checkpoint 400 caught up']);
  });

  it('fails the observable when the subscription fails or ends, and stops listening once unsubscribed', () => {
    const first = fakeSubscription();
    const failure = vi.fn();
    subscribeToAll(first.open).subscribe({ error: failure });
    first.fake.emit('error', new Error('connection lost'));
    expect(failure).toHaveBeenCalledWith(new Error('connection lost'));

    const second = fakeSubscription();
    const ended = vi.fn();
    subscribeToAll(second.open).subscribe({ error: ended });
    second.fake.emit('end');
    expect(ended).toHaveBeenCalledOnce();

    const third = fakeSubscription();
    const late = vi.fn();
    subscribeToAll(third.open).subscribe({ error: late }).unsubscribe();
    third.fake.emit('error', new Error('after the end'));
    expect(late).not.toHaveBeenCalled();
    expect(third.fake.unsubscribed).toBe(true);
  });
});
