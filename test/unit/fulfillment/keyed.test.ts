import { describe, expect, it } from 'vitest';
import {
  emptyKeyed,
  keyedDelete,
  keyedEntries,
  keyedGet,
  keyedHas,
  keyedSet,
} from '../../../src/domain/fulfillment/keyed.js';

describe('a keyed map', () => {
  it('when keys are set and deleted, then each version answers its own entries and the older ones are unchanged', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `order-${i}`);
    const versions = [emptyKeyed<number>()];
    for (const [i, key] of keys.entries()) versions.push(keyedSet(versions.at(-1)!, key, i));
    const full = versions.at(-1)!;
    expect(full.size).toBe(2_000);
    expect(keyedGet(full, 'order-1999')).toBe(1999);
    expect(keyedHas(versions[1000]!, 'order-999')).toBe(true);
    expect(keyedHas(versions[1000]!, 'order-1000')).toBe(false);
    const fewer = keyedDelete(full, 'order-7');
    expect([fewer.size, keyedHas(fewer, 'order-7'), keyedHas(full, 'order-7')]).toEqual([1_999, false, true]);
    expect(keyedDelete(fewer, 'order-7')).toBe(fewer);
    expect(keyedSet(fewer, 'order-8', 0).size).toBe(1_999);
    expect(new Map(keyedEntries(full))).toEqual(new Map(keys.map((key, i) => [key, i])));
  });

  it('when a key names an inherited property, then it is not there until set', () => {
    expect(keyedHas(emptyKeyed(), 'constructor')).toBe(false);
    expect(keyedGet(keyedSet(emptyKeyed<number>(), 'toString', 1), 'toString')).toBe(1);
  });
});
