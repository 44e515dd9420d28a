import { filter, firstValueFrom, map, take, toArray, type Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { comparePositions, START, type Position } from '../../src/platform/eventstore/position.js';
import { eventually } from '../support/infra.js';
import type { EventStore, RecordedEvent } from '../../src/platform/eventstore/types.js';

import { newEvent, readEverything, uniqueCategory } from './eventstore-contract-support.js';

/** The contract's subscription part: catch-up then live, and one order under concurrent writers. */
export function describeSubscribing(storeOf: () => EventStore): void {
  describe('subscribing', () => {
    it('catches up from a checkpoint, then delivers live events', async () => {
      const category = uniqueCategory();
      await storeOf().append(`${category}-1`, [newEvent('Old', { n: 0 }), newEvent('Old', { n: 1 })], {
        expectedRevision: 'no_stream',
      });
      const old = await eventually(
        () => readEverything(storeOf(), [category]),
        (e) => e.length === 2,
      );
      const received = firstValueFrom(
        storeOf()
          .subscribeAll({ from: old[0]!.position, filter: { categories: [category] } })
          .pipe(
            filter((item) => item.kind === 'event'),
            map((item) => item.event.data.n),
            take(3),
            toArray(),
          ),
      );
      await storeOf().append(`${category}-1`, [newEvent('New', { n: 2 })], { expectedRevision: 1n });
      await storeOf().append(`${category}-2`, [newEvent('New', { n: 3 })], { expectedRevision: 'no_stream' });
      expect(await received).toEqual([1, 2, 3]);
    });

    it('when 20 writers append 200 events each, then a live subscriber and a paging reader each see every event once, in one order', async () => {
      const category = uniqueCategory();
      const writers = 20;
      const perWriter = 200;
      const total = writers * perWriter;
      const live: RecordedEvent[] = [];
      const subscription: Subscription = storeOf()
        .subscribeAll({ filter: { categories: [category] } })
        .subscribe((item) => item.kind === 'event' && live.push(item.event));

      const paged: RecordedEvent[] = [];
      let readerPosition: Position = START;
      let writing = true;
      const reader = (async () => {
        while (writing || paged.length < total) {
          const page = await storeOf().readAll({
            from: readerPosition,
            filter: { categories: [category] },
            maxCount: 137,
          });
          paged.push(...page.events);
          readerPosition = page.next;
          if (page.isEnd) await new Promise((r) => setTimeout(r, 5));
          if (!writing && paged.length >= total) break;
        }
      })();

      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter;) {
            // Mix single appends and small batches over a few streams per writer.
            const size = i % 7 === 0 ? Math.min(3, perWriter - i) : 1;
            const events = Array.from({ length: size }, (_, k) => newEvent('Written', { w, i: i + k }));
            await storeOf().append(`${category}-${w}-${i % 3}`, events, { expectedRevision: 'any' });
            i += size;
          }
        }),
      );
      writing = false;
      await eventually(
        () => Promise.resolve(live.length),
        (n) => n >= total,
        30_000,
      );
      await reader;
      subscription.unsubscribe();

      const key = (e: RecordedEvent): string => JSON.stringify([e.data.w, e.data.i]);
      for (const seen of [live, paged]) {
        expect(seen).toHaveLength(total);
        expect(new Set(seen.map((e) => e.id)).size).toBe(total);
        const outOfOrder = seen.findIndex((e, i) => i > 0 && comparePositions(seen[i - 1]!.position, e.position) >= 0);
        expect(
          outOfOrder === -1
            ? 'in order'
            : `${seen === live ? 'live' : 'paged'} #${outOfOrder}: ${JSON.stringify(seen.slice(outOfOrder - 1, outOfOrder + 1).map((e) => [String(e.position.commit), String(e.position.prepare), e.data]))}`,
        ).toBe('in order');
        for (let w = 0; w < writers; w++) {
          const mine = seen.filter((e) => e.data.w === w).map((e) => e.data.i);
          expect(mine).toEqual(Array.from({ length: perWriter }, (_, i) => i));
        }
      }
      expect(paged.map(key)).toEqual(live.map(key));
    });
  });
}
