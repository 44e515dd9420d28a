import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/commands/shared/aggregate.js';
import { cachedStreamStates } from '../../../src/commands/shared/stream-states.js';
import { StaleVersionError, type CommandContext } from '../../../src/commands/shared/command.js';
import { tagEvents } from '../../../src/domain/giving/contacts/events.js';
import { tagDecider, type TagCommand } from '../../../src/domain/giving/contacts/tag.js';
import type { ExpectedRevision, NewEvent } from '../../../src/platform/eventstore/types.js';
import { MemoryStore } from './memory-store.js';

const tags = aggregate({ decider: tagDecider, events: tagEvents, stream: (id) => `contacttag-${id}` });
const context: CommandContext = { tenantId: 'p1', actor: 'program:p1' };
const create = (name: string): TagCommand => ({
  type: 'CreateTag',
  data: { tagId: 't1', programId: 'p1', name, now: '2025-01-01T00:00:00.000Z' },
});
const rename = (name: string): TagCommand => ({ type: 'RenameTag', data: { name, now: '2025-01-02T00:00:00.000Z' } });
const renamed = (name: string): NewEvent => ({
  id: randomUUID(),
  type: 'TagRenamed',
  data: { tagId: 't1', name, renamedAt: '2025-01-02T00:00:00.000Z' },
});
const created = (name: string): NewEvent => ({
  id: randomUUID(),
  type: 'TagCreated',
  data: { tagId: 't1', programId: 'p1', name, createdAt: '2025-01-01T00:00:00.000Z' },
});
const names = (store: MemoryStore) => (store.streams.get('contacttag-t1') ?? []).map((e) => e.data.name);

/** A store where another writer appends `event` just before this process's next append. */
class RacedStore extends MemoryStore {
  raceWith: NewEvent | undefined;
  override async append(stream: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }) {
    const other = this.raceWith;
    this.raceWith = undefined;
    if (other) await super.append(stream, [other], { expectedRevision: 'any' });
    return super.append(stream, events, options);
  }
}

describe('an aggregate bound once', () => {
  it('given a created tag, when it is renamed, then the rename is appended on the stream the aggregate names', async () => {
    const store = new MemoryStore();
    await tags.handle('t1', create('Donateur'), { store, context });
    const result = await tags.handle('t1', rename('Mécène'), { store, context });
    expect(result.events).toEqual([
      { type: 'TagRenamed', data: { tagId: 't1', name: 'Mécène', renamedAt: '2025-01-02T00:00:00.000Z' } },
    ]);
    expect(result.version).toBe(1n);
    expect(names(store)).toEqual(['Donateur', 'Mécène']);
  });

  it('given a concurrent write between load and append, when no revision was named, then it reloads, decides again and appends after it', async () => {
    const store = new RacedStore();
    await tags.handle('t1', create('Donateur'), { store, context });
    store.raceWith = renamed('Ailleurs');
    const result = await tags.handle('t1', rename('Mécène'), { store, context });
    expect(names(store)).toEqual(['Donateur', 'Ailleurs', 'Mécène']);
    expect(result.version).toBe(2n);
    expect(result.state).toEqual({ kind: 'tag', tagId: 't1', name: 'Mécène' });
  });

  it('given a concurrent write between load and append, when the client named the revision, then StaleVersionError and nothing of its own is appended', async () => {
    const store = new RacedStore();
    await tags.handle('t1', create('Donateur'), { store, context });
    store.raceWith = renamed('Ailleurs');
    const error = await tags
      .handle('t1', rename('Mécène'), { store, context, expectedRevision: 0n })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleVersionError);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });
    expect(names(store)).toEqual(['Donateur', 'Ailleurs']);
  });

  it('given a stream at revision 1, when the client names revision 0, then StaleVersionError before anything is decided', async () => {
    const store = new MemoryStore();
    await tags.handle('t1', create('Donateur'), { store, context });
    await tags.handle('t1', rename('Mécène'), { store, context });
    const appends = store.appends;
    await expect(tags.handle('t1', rename('Autre'), { store, context, expectedRevision: 0n })).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(store.appends).toBe(appends);
  });

  it('given writers that keep racing, when the attempts run out, then the conflict is thrown', async () => {
    const store = new MemoryStore();
    await tags.handle('t1', create('Donateur'), { store, context });
    let n = 0;
    const append = store.append.bind(store);
    store.append = async (stream, events, options) => {
      await append(stream, [renamed(`Ailleurs ${n++}`)], { expectedRevision: 'any' });
      return append(stream, events, options);
    };
    await expect(tags.handle('t1', rename('Mécène'), { store, context, maxAttempts: 3 })).rejects.toMatchObject({
      name: 'WrongExpectedRevisionError',
    });
    expect(n).toBe(3);
  });

  it('given the seeded events of a request already appended, when the request is handled again, then it answers the first append and appends nothing', async () => {
    const store = new MemoryStore();
    const seeded = { ...context, idempotencySeed: 'seed-of-the-request' };
    const first = await tags.handle('t1', create('Donateur'), { store, context: seeded });
    const appends = store.appends;
    const again = await tags.handle('t1', create('Donateur'), { store, context: seeded });
    expect(store.appends).toBe(appends);
    expect(again).toEqual(first);
  });
});

/** Counts the reads of the tag stream, to tell a remembered state from a read one. */
class CountingStore extends RacedStore {
  reads = 0;
  override readStream(...args: Parameters<MemoryStore['readStream']>) {
    this.reads += 1;
    return super.readStream(...args);
  }
}

describe('a stream this process found absent', () => {
  const tagsAgain = aggregate({ decider: tagDecider, events: tagEvents, stream: (id) => `contacttag-${id}` });

  it('given the stream was read and found absent, when it is created, then it is appended to without a second read', async () => {
    const store = new CountingStore();
    const states = cachedStreamStates(store, tagDecider, tagEvents);
    expect((await states.load('contacttag-t1')).version).toBeUndefined();
    await tagsAgain.handle('t1', create('Donateur'), { store, context });
    expect(store.reads).toBe(1);
    expect(names(store)).toEqual(['Donateur']);
  });

  it('given it was found absent, when another writer creates it before this append, then the create is decided again on what the stream holds', async () => {
    const store = new CountingStore();
    await cachedStreamStates(store, tagDecider, tagEvents).load('contacttag-t1');
    store.raceWith = created('Ailleurs');
    await expect(tagsAgain.handle('t1', create('Donateur'), { store, context })).rejects.toThrow();
    expect(names(store)).toEqual(['Ailleurs']);
    expect(store.reads).toBe(2);
  });
});

describe('a stream the caller names new', () => {
  it('given no stream, when a command says its stream is new, then it is appended to without being read', async () => {
    const store = new CountingStore();
    await tags.handle('t1', create('Donateur'), { store, context, newStream: true });
    expect(store.reads).toBe(0);
    expect(names(store)).toEqual(['Donateur']);
  });

  it('given the stream exists after all, when a command says it is new, then it is read and decided on what it holds', async () => {
    const store = new CountingStore();
    await store.append('contacttag-t1', [created('Déjà')], { expectedRevision: 'no_stream' });
    const result = await tags.handle('t1', rename('Mécène'), { store, context, newStream: true });
    expect(store.reads).toBe(1);
    expect(result.version).toBe(1n);
    expect(names(store)).toEqual(['Déjà', 'Mécène']);
  });
});

describe('a command decided on a new stream, written by the caller', () => {
  it('given nothing, when a create is decided new, then its write expects no stream and carries the context in its metadata', () => {
    const decided = tags.decideNew('t1', create('Donateur'), context);
    expect(decided.write).toMatchObject({ stream: 'contacttag-t1', expectedRevision: 'no_stream' });
    expect(decided.write.events.map((e) => [e.type, e.metadata])).toEqual([
      ['TagCreated', { tenantId: 'p1', actor: 'program:p1', schemaVersion: 1 }],
    ]);
    expect(decided.state).toEqual({ kind: 'tag', tagId: 't1', name: 'Donateur' });
  });

  it('given a request seed, when decided new twice, then the event ids are the same (a retry is recognised)', () => {
    const seeded = { ...context, idempotencySeed: 'seed-1' };
    const ids = () => tags.decideNew('t1', create('Donateur'), seeded).write.events.map((e) => e.id);
    expect(ids()).toEqual(ids());
  });
});
