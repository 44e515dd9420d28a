import { describe, expect, it } from 'vitest';
import { idsFor, seededEventId, seededUuid } from '../../../src/commands/ids.js';
import { isUuid } from '../../../src/platform/uuid.js';

const take = (source: { next(): string }, n: number): string[] => Array.from({ length: n }, () => source.next());

describe('the id source of a command', () => {
  it('when two sources have the same seed, then they name the same ids in the same order', () => {
    const first = take(idsFor({ idempotencySeed: 'seed-1' }), 3);
    expect(take(idsFor({ idempotencySeed: 'seed-1' }), 3)).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it('when the seeds differ, then the ids differ', () => {
    expect(idsFor({ idempotencySeed: 'seed-1' }).next()).not.toBe(idsFor({ idempotencySeed: 'seed-2' }).next());
  });

  it('when there is no seed, then every id is a new random one', () => {
    const ids = [...take(idsFor({}), 3), ...take(idsFor({}), 3)];
    expect(new Set(ids).size).toBe(6);
  });

  it('names UUIDs of version 8 and the RFC variant, which a uuid column and zod accept', () => {
    const id = seededUuid('seed', 'a', 'b');
    expect(isUuid(id)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps its parts apart: moving a character from one part to the next names another id', () => {
    expect(seededUuid('s', 'ab', 'c')).not.toBe(seededUuid('s', 'a', 'bc'));
  });

  it('names an event by stream, command and place, so two commands on one stream in one request never share an id', () => {
    const ids = [
      seededEventId('s', 'tag-1', 'CreateTag', 0),
      seededEventId('s', 'tag-1', 'CreateTag', 1),
      seededEventId('s', 'tag-1', 'RenameTag', 0),
      seededEventId('s', 'tag-2', 'CreateTag', 0),
    ];
    expect(new Set(ids).size).toBe(4);
    expect(seededEventId('s', 'tag-1', 'CreateTag', 0)).toBe(ids[0]);
  });
});
