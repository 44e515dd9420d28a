import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../src/commands/shared/aggregate.js';
import type { CommandContext } from '../../../src/commands/shared/command.js';
import { tagDecider, type TagCommand } from '../../../src/domain/giving/contacts/tag.js';
import { tagEvents } from '../../../src/domain/giving/contacts/events.js';
import { MemoryStore } from './memory-store.js';

const seeded: CommandContext = { tenantId: 'p1', actor: 'program:p1', idempotencySeed: 'seed-of-the-request' };
const create = (name: string): TagCommand => ({
  type: 'CreateTag',
  data: { tagId: 't1', programId: 'p1', name, now: '2025-01-01T00:00:00.000Z' },
});
const rename = (name: string): TagCommand => ({ type: 'RenameTag', data: { name, now: '2025-01-02T00:00:00.000Z' } });
const tags = aggregate({ decider: tagDecider, events: tagEvents, stream: (id) => `contacttag-${id}` });
const handle = (store: MemoryStore, command: TagCommand, context: CommandContext) =>
  tags.handle('t1', command, { store, context });

describe('a seeded command handled again', () => {
  it('given the stream holds the seeded first event, when the same command is handled again, then nothing is appended and the first version is returned', async () => {
    const store = new MemoryStore();
    const first = await handle(store, create('Donateur'), seeded);
    // Another request renames it meanwhile: the retry still answers as its own append did.
    await handle(store, rename('Mécène'), { tenantId: 'p1', actor: 'program:p1' });
    const appends = store.appends;

    const again = await handle(store, create('Donateur'), seeded);

    expect(store.appends).toBe(appends);
    expect(again.version).toBe(first.version);
    expect(again.position).toEqual(first.position);
    expect(again.events).toEqual(first.events);
    expect(again.state).toEqual({ kind: 'tag', tagId: 't1', name: 'Mécène' });
  });

  it('given the seed of another request, when the command is handled, then it is decided: the tag exists, a conflict', async () => {
    const store = new MemoryStore();
    await handle(store, create('Donateur'), seeded);
    await expect(
      handle(store, create('Donateur'), { ...seeded, idempotencySeed: 'another-request' }),
    ).rejects.toMatchObject({ errorName: 'conflict' });
  });

  it('given no seed, when the same command is handled again, then it is decided again (a conflict), as before', async () => {
    const store = new MemoryStore();
    const plain = { tenantId: 'p1', actor: 'program:p1' };
    await handle(store, create('Donateur'), plain);
    await expect(handle(store, create('Donateur'), plain)).rejects.toMatchObject({ errorName: 'conflict' });
  });

  it('given one seed, when two commands of one request write one stream, then each appends once and a retry of both appends nothing', async () => {
    const store = new MemoryStore();
    await handle(store, create('Donateur'), seeded);
    await handle(store, rename('Mécène'), seeded);
    expect(store.streams.get('contacttag-t1')).toHaveLength(2);
    await handle(store, create('Donateur'), seeded);
    await handle(store, rename('Mécène'), seeded);
    expect(store.streams.get('contacttag-t1')).toHaveLength(2);
  });
});
