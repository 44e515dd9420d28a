import { describe, expect, it } from 'vitest';
import { sharedReads } from '../../../../src/commands/hub/transactions/matchers.js';

describe('shared reads of a hub’s store stamp', () => {
  it('when callers ask while a read is under way, then they share the next read, begun after they asked', async () => {
    let value = 0;
    const started: number[] = [];
    const read = sharedReads(async () => {
      started.push(value);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return started.length;
    });
    const first = read('hub');
    await new Promise((resolve) => setTimeout(resolve, 1)); // under way now
    value = 1; // a change made while the first read is under way: later callers must see it
    const later = await Promise.all([read('hub'), read('hub'), read('hub')]);
    expect(await first).toBe(1);
    expect(later).toEqual([2, 2, 2]);
    expect(started).toEqual([0, 1]);
  });

  it('when a read fails, then its callers get the failure and the next caller reads again', async () => {
    let calls = 0;
    const read = sharedReads(() => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve('ok')));
    await expect(read('hub')).rejects.toThrow('down');
    expect(await read('hub')).toBe('ok');
    expect(await Promise.all([read('a'), read('b')])).toEqual(['ok', 'ok']);
    expect(calls).toBe(4);
  });
});
