import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/platform/eventstore/position.js';
import type { ReadAllPage, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { WakeupScout, type Scouted } from '../../../src/projections/scout.js';

const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: 0n });
const event = (type: string, commit: number) => ({ type, position: at(commit) }) as unknown as RecordedEvent;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const gathered = () => new Promise((resolve) => setTimeout(resolve, 60));
const commits = (page: ReadAllPage) => page.events.map((e) => Number(e.position.commit));

function worker(types: string[], position: number | undefined, wanted?: number) {
  let woken = 0;
  let now = position;
  const wakeups = new Subject<void>();
  wakeups.subscribe(() => woken++);
  const scouted: Scouted = {
    eventTypes: new Set(types),
    position: () => (now === undefined ? undefined : at(now)),
    wanted: () => (wanted === undefined ? undefined : at(wanted)),
    wakeups,
  };
  return { scouted, woken: () => woken, moveTo: (p: number) => (now = p) };
}

/** A scout over a log that answers `pages` in turn (then an empty end of log where it was asked), or fails. */
function scoutOver(pages: ReadAllPage[] | Error, workers: Array<ReturnType<typeof worker>>) {
  const changes = new Subject<void>();
  const reads: Position[] = [];
  const store = {
    changes: () => changes,
    readAll: async (options: { from?: Position }) => {
      reads.push(options.from!);
      await settle();
      if (pages instanceof Error) throw pages;
      return pages.shift() ?? { events: [], next: options.from!, isEnd: true };
    },
  };
  const scout = new WakeupScout(store, () => workers.map((w) => w.scouted));
  scout.start();
  const looked = () => scout.look();
  return { changes, reads, scout, looked, stop: () => scout.stop() };
}

describe('the wake-up scout', () => {
  it('when new events are of one projection’s types, then only that projection is woken, from one read at the furthest-behind position', async () => {
    const members = worker(['MemberRegistered'], 10);
    const giving = worker(['DonationCreated'], 12);
    const { reads, looked, stop } = scoutOver(
      [{ events: [event('MemberRegistered', 13)], next: at(14), isEnd: true }],
      [members, giving],
    );
    await looked();
    await gathered(); // a projection nobody waits on is woken once its events had a moment to gather
    stop();
    expect(reads).toEqual([at(10)]);
    expect([members.woken(), giving.woken()]).toEqual([1, 0]);
  });

  it('when an event of its type is already behind a projection, then it is not woken for it', async () => {
    const members = worker(['MemberRegistered'], 20);
    const behind = worker(['Other'], 10);
    const { looked, stop } = scoutOver(
      [{ events: [event('MemberRegistered', 15)], next: at(21), isEnd: true }],
      [members, behind],
    );
    await looked();
    stop();
    expect(members.woken()).toBe(0);
  });

  it('when a read-your-writes wait is held on a projection, then it is woken even without events of its own', async () => {
    const waitedOn = worker(['MemberRegistered'], 10, 11);
    const { looked, stop } = scoutOver(
      [{ events: [event('PaymentMethodSealed', 11)], next: at(12), isEnd: true }],
      [waitedOn],
    );
    await looked();
    stop();
    expect(waitedOn.woken()).toBeGreaterThanOrEqual(1);
  });

  it('when the backlog is longer than a page, then the scout reads on page by page and wakes only the projections with events of theirs', async () => {
    const a = worker(['A'], 1);
    const b = worker(['B'], 1);
    const { reads, looked, stop } = scoutOver(
      [
        { events: [event('C', 2)], next: at(2), isEnd: false },
        { events: [event('A', 3)], next: at(4), isEnd: true },
      ],
      [a, b],
    );
    await looked();
    await gathered(); // a projection nobody waits on is woken once its events had a moment to gather
    stop();
    expect(reads).toEqual([at(1), at(2)]);
    expect([a.woken(), b.woken()]).toEqual([1, 0]);
  });

  it('when a look fails, then every projection is woken', async () => {
    const a = worker(['A'], 1);
    const b = worker(['B'], 1);
    const failing = scoutOver(new Error('connection reset'), [a, b]);
    await failing.looked();
    failing.stop();
    expect([a.woken(), b.woken()]).toEqual([1, 1]);
  });

  it('when a woken worker reads a range the pages cover, then it is answered from them (its types, after its position, up to its count) without a read', async () => {
    const members = worker(['MemberRegistered'], 12);
    const giving = worker(['DonationCreated'], 10);
    const { reads, scout, looked, stop } = scoutOver(
      [
        { events: [event('MemberRegistered', 11), event('DonationCreated', 12)], next: at(12), isEnd: false },
        { events: [event('MemberRegistered', 13), event('MemberRegistered', 14)], next: at(15), isEnd: true },
      ],
      [members, giving],
    );
    await looked();
    const reader = scout.readerFor(members.scouted);
    const filter = { eventTypes: ['MemberRegistered'] };
    const page = await reader.readAll({ from: at(12), filter, maxCount: 1000 });
    const capped = await reader.readAll({ from: at(10), filter, maxCount: 2 });
    // At the end, just after a look: no read of its own either.
    const end = await reader.readAll({ from: at(15), filter, maxCount: 1000 });
    stop();
    expect(reads).toEqual([at(10), at(12)]);
    expect([commits(page), page.next, page.isEnd]).toEqual([[13, 14], at(15), true]);
    expect([commits(capped), capped.next, capped.isEnd]).toEqual([[11, 13], at(13), false]);
    expect([commits(end), end.next, end.isEnd]).toEqual([[], at(15), true]);
  });

  it('when a worker reads from before the pages, or with a filter of categories, then the log is read', async () => {
    const members = worker(['MemberRegistered'], 10);
    const { reads, scout, looked, stop } = scoutOver(
      [{ events: [event('MemberRegistered', 11)], next: at(12), isEnd: true }],
      [members],
    );
    await looked();
    const reader = scout.readerFor(members.scouted);
    await reader.readAll({ from: at(9), filter: { eventTypes: ['MemberRegistered'] } });
    await reader.readAll({ from: at(10), filter: { categories: ['member'] } });
    stop();
    expect(reads).toEqual([at(10), at(9), at(10)]);
  });

  it('when workers poll at the end of the log a while after the last look, then one look answers them all', async () => {
    const a = worker(['A'], 5);
    const b = worker(['B'], 5);
    const { reads, scout, looked, stop } = scoutOver([{ events: [], next: at(6), isEnd: true }], [a, b]);
    await looked();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [pa, pb] = await Promise.all([
      scout.readerFor(a.scouted).readAll({ from: at(6), filter: { eventTypes: ['A'] } }),
      scout.readerFor(b.scouted).readAll({ from: at(6), filter: { eventTypes: ['B'] } }),
    ]);
    stop();
    expect(reads).toEqual([at(5), at(6)]);
    expect([pa.isEnd, pb.isEnd]).toEqual([true, true]);
  });

  it('when a look finds nothing of a projection’s own, then the next look starts past it, and its read is answered without one', async () => {
    const busy = worker(['MemberRegistered'], 10);
    const idle = worker(['DonationCreated'], 10);
    const { reads, scout, looked, stop } = scoutOver(
      [
        { events: [event('MemberRegistered', 11)], next: at(12), isEnd: true },
        { events: [], next: at(13), isEnd: true },
      ],
      [busy, idle],
    );
    await looked();
    busy.moveTo(12); // the woken projection applied its event
    await looked();
    const skipped = await scout.readerFor(idle.scouted).readAll({ from: at(10), filter: { eventTypes: ['X'] } });
    await gathered(); // a projection nobody waits on is woken once its events had a moment to gather
    stop();
    expect(reads).toEqual([at(10), at(12)]);
    expect([busy.woken(), idle.woken()]).toEqual([1, 0]);
    expect(skipped).toEqual({ events: [], next: at(13), isEnd: true });
  });

  it('when a read-your-writes wait is held on a projection checked past it, then a look without new events still wakes it', async () => {
    const other = worker(['MemberRegistered'], 10);
    const held: { wanted?: Position } = {};
    const idle = worker(['DonationCreated'], 10);
    const waiting = { ...idle.scouted, wanted: () => held.wanted };
    const changes = new Subject<void>();
    const pages: ReadAllPage[] = [{ events: [event('MemberRegistered', 11)], next: at(12), isEnd: true }];
    const store = {
      changes: () => changes,
      readAll: (options: { from?: Position }) =>
        Promise.resolve(pages.shift() ?? { events: [], next: options.from!, isEnd: true }),
    };
    const scout = new WakeupScout(store, () => [other.scouted, waiting]);
    await scout.look();
    const before = idle.woken();
    held.wanted = at(12);
    await scout.look();
    expect([before, idle.woken()]).toEqual([0, 1]);
  });

  it('when events of a projection nobody waits on come in several looks, then the first wakes it at once and the others gather for one more wake-up', async () => {
    const lazy = worker(['MemberRegistered'], 10);
    const { looked, stop } = scoutOver(
      [
        { events: [event('MemberRegistered', 11)], next: at(12), isEnd: true },
        { events: [event('MemberRegistered', 12)], next: at(13), isEnd: true },
        { events: [event('MemberRegistered', 13)], next: at(14), isEnd: true },
      ],
      [lazy],
    );
    await looked();
    const first = lazy.woken();
    await looked();
    await looked();
    const meanwhile = lazy.woken();
    await gathered();
    expect([first, meanwhile, lazy.woken()]).toEqual([1, 1, 2]);
    stop();

    const held: { wanted?: Position } = {};
    const eager = worker(['MemberRegistered'], 10);
    const waiting = { ...eager.scouted, wanted: () => held.wanted };
    const pages: ReadAllPage[] = [{ events: [event('MemberRegistered', 11)], next: at(12), isEnd: true }];
    const store = {
      changes: () => new Subject<void>(),
      readAll: (options: { from?: Position }) =>
        Promise.resolve(pages.shift() ?? { events: [], next: options.from!, isEnd: true }),
    };
    const scout = new WakeupScout(store, () => [waiting]);
    held.wanted = at(11);
    await scout.look();
    expect(eager.woken()).toBe(1);
    scout.stop();
  });
});
