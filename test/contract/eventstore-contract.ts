import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAtomically } from '../../src/platform/eventstore/index.js';
import { comparePositions } from '../../src/platform/eventstore/position.js';
import { eventually } from '../support/infra.js';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '../../src/platform/eventstore/types.js';
import { newEvent, readEverything, uniqueCategory } from './eventstore-contract-support.js';
import { describeSubscribing } from './eventstore-contract-subscribing.js';

export function describeEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    describe('appending with an expected revision', () => {
      it('when a stream is new and no_stream is expected, then the events get revisions 0..n-1', async () => {
        const stream = `${uniqueCategory()}-1`;
        const result = await store.append(stream, [newEvent(), newEvent(), newEvent()], {
          expectedRevision: 'no_stream',
        });
        expect(result.nextRevision).toBe(2n);
        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(comparePositions(events[2]!.position, result.position)).toBe(0);
      });

      it('when no_stream is expected but the stream exists, then it is a conflict naming the actual revision', async () => {
        const stream = `${uniqueCategory()}-1`;
        await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' });
        const error = await store
          .append(stream, [newEvent()], { expectedRevision: 'no_stream' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(0n);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('when the exact revision matches, then it appends; when it is stale, then it is a conflict and nothing is written', async () => {
        const stream = `${uniqueCategory()}-1`;
        await store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        const ok = await store.append(stream, [newEvent()], { expectedRevision: 1n });
        expect(ok.nextRevision).toBe(2n);
        await expect(store.append(stream, [newEvent()], { expectedRevision: 1n })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await expect(
          store.append(`${uniqueCategory()}-none`, [newEvent()], { expectedRevision: 0n }),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('when any revision is expected, then it appends to new and existing streams', async () => {
        const stream = `${uniqueCategory()}-1`;
        expect((await store.append(stream, [newEvent()], { expectedRevision: 'any' })).nextRevision).toBe(0n);
        expect((await store.append(stream, [newEvent(), newEvent()], { expectedRevision: 'any' })).nextRevision).toBe(
          2n,
        );
      });

      it('when ten writers race on one expected revision, then exactly one wins', async () => {
        const stream = `${uniqueCategory()}-1`;
        await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () => store.append(stream, [newEvent()], { expectedRevision: 0n })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected.every((r) => r.reason instanceof WrongExpectedRevisionError)).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('when the same events are appended again, then the retry is answered without duplicating them', async () => {
        const stream = `${uniqueCategory()}-1`;
        const events = [newEvent(), newEvent()];
        const first = await store.append(stream, events, { expectedRevision: 'no_stream' });
        const again = await store.append(stream, events, { expectedRevision: 'no_stream' });
        expect(again.nextRevision).toBe(first.nextRevision);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('when several streams are written at once, then it answers the last event’s position and each stream’s revision', async () => {
        const [a, b] = [`${uniqueCategory()}-1`, `${uniqueCategory()}-1`];
        await store.append(a, [newEvent()], { expectedRevision: 'no_stream' });
        const landed = await appendAtomically(store, [
          { stream: a, events: [newEvent(), newEvent()], expectedRevision: 0n },
          { stream: b, events: [newEvent()], expectedRevision: 'no_stream' },
        ]);
        expect(landed?.revisions).toEqual(
          new Map([
            [a, 2n],
            [b, 0n],
          ]),
        );
        const written = [...(await store.readStream(a)), ...(await store.readStream(b))];
        const last = written.reduce((x, y) => (comparePositions(x.position, y.position) >= 0 ? x : y));
        expect(landed?.position).toEqual(last.position);
        expect(await appendAtomically(store, [{ stream: b, events: [], expectedRevision: 0n }])).toBeUndefined();
      });

      it('when a write without events names a stream that moved past its revision, then nothing is written', async () => {
        if (!store.appendAtomically) return;
        const [checked, written] = [`${uniqueCategory()}-1`, `${uniqueCategory()}-1`];
        await store.append(checked, [newEvent(), newEvent()], { expectedRevision: 'no_stream' });
        await expect(
          store.appendAtomically([
            { stream: written, events: [newEvent()], expectedRevision: 'no_stream' },
            { stream: checked, events: [], expectedRevision: 0n },
          ]),
        ).rejects.toMatchObject({ stream: checked, expected: 0n, actual: 1n });
        expect(await store.readStream(written)).toEqual([]);
        await store.appendAtomically([
          { stream: written, events: [newEvent()], expectedRevision: 'no_stream' },
          { stream: checked, events: [], expectedRevision: 1n },
        ]);
        expect(await store.readStream(written)).toHaveLength(1);
      });
    });

    describe('reading a stream', () => {
      it('reads from a revision, at most maxCount, and a missing stream reads empty', async () => {
        const stream = `${uniqueCategory()}-1`;
        await store.append(
          stream,
          Array.from({ length: 5 }, (_, n) => newEvent('Counted', { n })),
          { expectedRevision: 'no_stream' },
        );
        const some = await store.readStream(stream, { fromRevision: 2n, maxCount: 2 });
        expect(some.map((e) => e.data.n)).toEqual([2, 3]);
        expect(await store.readStream(`${uniqueCategory()}-missing`)).toEqual([]);
      });

      it('when asked for an event id, then it is found in its own stream only, and not in a missing stream', async () => {
        const stream = `${uniqueCategory()}-1`;
        const [first, second] = [newEvent(), newEvent()];
        await store.append(stream, [first, second], { expectedRevision: 'no_stream' });
        await store.append(stream, [newEvent()], { expectedRevision: 1n });
        expect(await store.hasEvent(stream, first.id)).toBe(true);
        expect(await store.hasEvent(stream, second.id)).toBe(true);
        expect(await store.hasEvent(stream, randomUUID())).toBe(false);
        expect(await store.hasEvent(`${uniqueCategory()}-other`, first.id)).toBe(false);
      });

      it('keeps type, data, metadata and creation time', async () => {
        const stream = `${uniqueCategory()}-1`;
        const event = newEvent('MemberRegistered', { email: 'a@b.c', nested: { list: [1, 'two', null, true] } });
        await store.append(stream, [event], { expectedRevision: 'no_stream' });
        const [read] = await store.readStream(stream);
        expect(read).toMatchObject({ id: event.id, type: 'MemberRegistered', streamName: stream, data: event.data });
        expect(read!.metadata).toMatchObject(event.metadata!);
        expect(Math.abs(read!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      });

      it('keeps unicode exactly', async () => {
        const stream = `${uniqueCategory()}-1`;
        const text = 'Frédérique Pétris — 東京 🌍👩🏽‍💻 עברית ﷽ \u200d\u{1F600} "quotes" \\ backslash';
        await store.append(stream, [newEvent('Named', { text, [text]: 'key' })], { expectedRevision: 'no_stream' });
        const [read] = await store.readStream(stream);
        expect(read!.data.text).toBe(text);
        expect(read!.data[text]).toBe('key');
      });

      it('keeps a large body of about 1 MB', async () => {
        const stream = `${uniqueCategory()}-1`;
        const big = 'x'.repeat(1_000_000);
        const items = Array.from({ length: 2000 }, (_, i) => ({ i, label: `item ${i}` }));
        await store.append(stream, [newEvent('Big', { big, items })], { expectedRevision: 'no_stream' });
        const [read] = await store.readStream(stream);
        expect(read!.data.big).toHaveLength(1_000_000);
        expect(read!.data.items).toEqual(items);
      });
    });

    describe('reading all events', () => {
      it('returns events in one global order, in pages, resumable from any returned position', async () => {
        const category = uniqueCategory();
        for (let i = 0; i < 7; i++)
          await store.append(`${category}-${i % 3}`, [newEvent('Step', { i })], { expectedRevision: 'any' });
        const all = await eventually(
          () => readEverything(store, [category]),
          (e) => e.length === 7,
        );
        expect(all.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6]);
        for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBe(-1);
        const resumed = await readEverything(store, [category], all[3]!.position);
        expect(resumed.map((e) => e.data.i)).toEqual([4, 5, 6]);
      });

      it('filters by category and by event type', async () => {
        const a = uniqueCategory();
        const b = uniqueCategory();
        await store.append(`${a}-1`, [newEvent('Kept'), newEvent('Dropped')], { expectedRevision: 'no_stream' });
        await store.append(`${b}-1`, [newEvent('Kept')], { expectedRevision: 'no_stream' });
        const byCategory = await eventually(
          () => readEverything(store, [a]),
          (e) => e.length === 2,
        );
        expect(byCategory.map((e) => e.streamName)).toEqual([`${a}-1`, `${a}-1`]);
        const both = await eventually(
          () => readEverything(store, [a, b]),
          (e) => e.length === 3,
        );
        expect(both).toHaveLength(3);
        const page = await store.readAll({ filter: { categories: [a, b], eventTypes: ['Kept'] }, maxCount: 100 });
        expect(page.events.map((e) => e.streamName)).toEqual([`${a}-1`, `${b}-1`]);
      });

      it('filters by the tenant named in the metadata, alone or with a category', async () => {
        const a = uniqueCategory();
        const mine = `tenant-${randomUUID()}`;
        const theirs = `tenant-${randomUUID()}`;
        const of = (tenantId: string, type: string): NewEvent => ({ ...newEvent(type), metadata: { tenantId } });
        await store.append(`${a}-1`, [of(mine, 'First'), of(theirs, 'Theirs'), of(mine, 'Second')], {
          expectedRevision: 'no_stream',
        });
        await store.append(`${a}-2`, [{ ...newEvent('NoTenant'), metadata: {} }], { expectedRevision: 'no_stream' });
        const page = await eventually(
          () => store.readAll({ filter: { categories: [a], tenantId: mine }, maxCount: 100 }),
          (p) => p.events.length === 2,
        );
        expect(page.events.map((e) => e.type)).toEqual(['First', 'Second']);
        expect(page.events.every((e) => e.metadata.tenantId === mine)).toBe(true);
        const alone = await store.readAll({ filter: { tenantId: theirs }, maxCount: 100 });
        expect(alone.events.map((e) => e.type)).toEqual(['Theirs']);
      });

      it('moves a filtered reader past what it scanned, so it does not rescan from the start', async () => {
        const a = uniqueCategory();
        await store.append(`${a}-1`, [newEvent()], { expectedRevision: 'no_stream' });
        const first = await eventually(
          () => store.readAll({ filter: { categories: [a] } }),
          (p) => p.events.length === 1,
        );
        const none = await store.readAll({ from: first.next, filter: { categories: [uniqueCategory()] } });
        expect(none.events).toEqual([]);
        expect(none.isEnd).toBe(true);
        expect(comparePositions(none.next, first.next)).toBeGreaterThanOrEqual(0);
      });
    });

    describeSubscribing(() => store);
  });
}
