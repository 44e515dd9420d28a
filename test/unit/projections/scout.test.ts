import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/platform/eventstore/position.js';
import type { ReadAllPage, RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { WakeupScout, type Scouted } from '../../../src/projections/scout.js';

const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: 0n });
const event = (type: string, commit: number) => ({ type, position: at(commit) }) as unknown as RecordedEvent;
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

function worker(types: string[], position: number | undefined, wanted?: number) {
  let woken = 0;
  const wakeups = new Subject<void>();
  wakeups.subscribe(() => woken++);
  const scouted: Scouted = {
    eventTypes: new Set(types),
    position: () => (position === undefined ? undefined : at(position)),
    wanted: () => (wanted === undefined ? undefined : at(wanted)),
    wakeups,
  };
  return { scouted, woken: () => woken };
}

function scoutOver(page: ReadAllPage | Error, workers: Array<ReturnType<typeof worker>>) {
  const changes = new Subject<void>();
  const reads: Position[] = [];
  const store = {
    changes: () => changes,
    readAll: async (options: { from?: Position }) => {
      reads.push(options.from!);
      await settle();
      if (page instanceof Error) throw page;
      return page;
    },
  };
  const scout = new WakeupScout(store, () => workers.map((w) => w.scouted));
  scout.start();
  return { changes, reads, reader: scout.readerFor(), stop: () => scout.stop() };
}

describe('the wake-up scout', () => {
  it('when new events are of one projection’s types, then only that projection is woken, from one read at the furthest-behind position', async () => {
    const members = worker(['MemberRegistered'], 10);
    const giving = worker(['DonationCreated'], 12);
    const { changes, reads, stop } = scoutOver({ events: [event('MemberRegistered', 13)], next: at(14), isEnd: true }, [
      members,
      giving,
    ]);
    changes.next();
    await settle();
    await settle();
    stop();
    expect(reads).toEqual([at(10)]);
    expect([members.woken(), giving.woken()]).toEqual([1, 0]);
  });

  it('when an event of its type is already behind a projection, then it is not woken for it', async () => {
    const members = worker(['MemberRegistered'], 20);
    const behind = worker(['Other'], 10);
    const { changes, stop } = scoutOver({ events: [event('MemberRegistered', 15)], next: at(21), isEnd: true }, [
      members,
      behind,
    ]);
    changes.next();
    await settle();
    await settle();
    stop();
    expect(members.woken()).toBe(0);
  });

  it('when a read-your-writes wait is held on a projection, then it is woken even without events of its own', async () => {
    const waitedOn = worker(['MemberRegistered'], 10, 11);
    const { changes, stop } = scoutOver({ events: [event('PaymentMethodSealed', 11)], next: at(12), isEnd: true }, [
      waitedOn,
    ]);
    changes.next();
    await settle();
    await settle();
    stop();
    expect(waitedOn.woken()).toBe(1);
  });

  it('when the backlog is longer than one look, or the look fails, then every projection is woken', async () => {
    const a = worker(['A'], 1);
    const b = worker(['B'], 1);
    const long = scoutOver({ events: [event('C', 2)], next: at(2), isEnd: false }, [a, b]);
    long.changes.next();
    await settle();
    await settle();
    long.stop();
    expect([a.woken(), b.woken()]).toEqual([1, 1]);

    const failing = scoutOver(new Error('connection reset'), [a, b]);
    failing.changes.next();
    await settle();
    await settle();
    failing.stop();
    expect([a.woken(), b.woken()]).toEqual([2, 2]);
  });
  it('when a woken worker reads a range the last look covered, then it is answered from the look (its types, after its position), once', async () => {
    const members = worker(['MemberRegistered'], 12);
    const giving = worker(['DonationCreated'], 10);
    const look = {
      events: [
        event('MemberRegistered', 11),
        event('DonationCreated', 12),
        event('MemberRegistered', 13),
        event('MemberRegistered', 14),
      ],
      next: at(15),
      isEnd: true,
    };
    const { changes, reads, reader, stop } = scoutOver(look, [members, giving]);
    changes.next();
    await settle();
    await settle();
    const page = await reader.readAll({ from: at(12), filter: { eventTypes: ['MemberRegistered'] }, maxCount: 1000 });
    const readsAfterLook = [...reads];
    // Asking again (a poll) may be asking for what a running transaction held back from the look: the log is read.
    await reader.readAll({ from: at(15), filter: { eventTypes: ['MemberRegistered'] }, maxCount: 1000 });
    stop();
    expect(page.events.map((e) => e.position.commit)).toEqual([13n, 14n]);
    expect(page).toMatchObject({ next: at(15), isEnd: true });
    expect(readsAfterLook).toEqual([at(10)]);
    expect(reads).toEqual([at(10), at(15)]);
  });

  it('when a worker reads from before the last look or past its end, then the log is read', async () => {
    const members = worker(['MemberRegistered'], 10);
    const { changes, reads, reader, stop } = scoutOver(
      { events: [event('MemberRegistered', 11)], next: at(12), isEnd: true },
      [members],
    );
    changes.next();
    await settle();
    await settle();
    await reader.readAll({ from: at(9) });
    await reader.readAll({ from: at(13) });
    stop();
    expect(reads).toEqual([at(10), at(9), at(13)]);
  });

  it('when the last look did not reach the end of the log, then a worker reads the log itself', async () => {
    const members = worker(['MemberRegistered'], 10);
    const { changes, reads, reader, stop } = scoutOver(
      { events: [event('MemberRegistered', 11)], next: at(12), isEnd: false },
      [members],
    );
    changes.next();
    await settle();
    await settle();
    await reader.readAll({ from: at(10) });
    stop();
    expect(reads.slice(-1)).toEqual([at(10)]);
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });
  it('when a look finds nothing of a projection’s own, then the next look starts past it, not from where that projection last moved', async () => {
    const busy = worker(['MemberRegistered'], 10);
    const idle = worker(['DonationCreated'], 10);
    const reads: Position[] = [];
    const changes = new Subject<void>();
    const pages: ReadAllPage[] = [
      { events: [event('MemberRegistered', 11)], next: at(12), isEnd: true },
      { events: [], next: at(12), isEnd: true },
    ];
    let busyAt = 10;
    const workers = [{ ...busy.scouted, position: () => at(busyAt) }, idle.scouted];
    const store = {
      changes: () => changes,
      readAll: async (options: { from?: Position }) => {
        reads.push(options.from!);
        await settle();
        return pages.shift() ?? { events: [], next: options.from!, isEnd: true };
      },
    };
    const scout = new WakeupScout(store, () => workers);
    scout.start();
    changes.next();
    await settle();
    await settle();
    busyAt = 12; // the woken projection applied its event
    changes.next();
    await settle();
    await settle();
    scout.stop();
    expect(reads).toEqual([at(10), at(12)]);
    expect([busy.woken(), idle.woken()]).toEqual([1, 0]);
  });
});
