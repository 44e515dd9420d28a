import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { consumePages, HELD_BACK } from '../../../src/platform/eventstore/paging.js';
import type { Position } from '../../../src/platform/eventstore/position.js';
import type { ReadAllPage } from '../../../src/platform/eventstore/types.js';

const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: 0n });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A log with nothing in it whose reads take `readMs`, counting them. */
function slowEmptyLog(readMs: number) {
  let reads = 0;
  return {
    reads: () => reads,
    async readAll(): Promise<ReadAllPage> {
      reads++;
      await pause(readMs);
      return { events: [], next: at(reads), isEnd: true };
    },
  };
}

describe('consumePages at the end of the log', () => {
  it('when a wake-up arrives while a page is being read, then it reads again at once instead of a poll interval later', async () => {
    const log = slowEmptyLog(60);
    const wakeups = new Subject<void>();
    const reading = consumePages(log, wakeups, { pollMs: 60_000 }, () => undefined).subscribe();
    try {
      await pause(20);
      wakeups.next(); // during the first read
      await pause(200);
      expect(log.reads()).toBe(2);
    } finally {
      reading.unsubscribe();
    }
  });

  it('when nothing is announced, then it waits for the poll interval', async () => {
    const log = slowEmptyLog(5);
    const reading = consumePages(log, new Subject<void>(), { pollMs: 60_000 }, () => undefined).subscribe();
    try {
      await pause(150);
      expect(log.reads()).toBe(1);
    } finally {
      reading.unsubscribe();
    }
  });

  it('when a wake-up arrives while it waits, then it reads once more', async () => {
    const log = slowEmptyLog(5);
    const wakeups = new Subject<void>();
    const reading = consumePages(log, wakeups, { pollMs: 60_000 }, () => undefined).subscribe();
    try {
      await pause(50);
      wakeups.next();
      await pause(50);
      expect(log.reads()).toBe(2);
    } finally {
      reading.unsubscribe();
    }
  });

  it('when a read was held back by a transaction that had already ended, then it reads again at once, not at the poll', async () => {
    let reads = 0;
    const log = {
      readAll(): Promise<ReadAllPage> {
        reads++;
        // The first read stops at an ended transaction; the second sees past it, then the log is quiet.
        return Promise.resolve({ events: [], next: at(reads), isEnd: true, heldBack: reads === 1 });
      },
    };
    const reading = consumePages(log, new Subject<void>(), { pollMs: 60_000 }, () => undefined).subscribe();
    try {
      await pause(150);
      expect(reads).toBe(2);
    } finally {
      reading.unsubscribe();
    }
  });

  it('when every read is held back, then it reads again soon a few times only, then waits for the poll', async () => {
    let reads = 0;
    const log = {
      readAll(): Promise<ReadAllPage> {
        reads++;
        return Promise.resolve({ events: [], next: at(reads), isEnd: true, heldBack: true });
      },
    };
    const reading = consumePages(log, new Subject<void>(), { pollMs: 60_000 }, () => undefined).subscribe();
    try {
      await pause(300);
      // The first read, then HELD_BACK.reads reads again at 5 ms; the next waits for the poll.
      expect(reads).toBe(1 + HELD_BACK.reads);
    } finally {
      reading.unsubscribe();
    }
  });
});
