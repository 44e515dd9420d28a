import { describe, expect, it } from 'vitest';
import { batchedByTurn } from '../../../src/platform/batched-by-turn.js';

describe('batchedByTurn', () => {
  it('when calls are made in one turn, then one batch runs them in order, each answered with its own output', async () => {
    const batches: number[][] = [];
    const double = batchedByTurn((inputs: readonly number[]) => {
      batches.push([...inputs]);
      return Promise.resolve(inputs.map((n) => n * 2));
    });
    expect(await Promise.all([1, 2, 3].map(double))).toEqual([2, 4, 6]);
    expect(await double(5)).toBe(10);
    expect(batches).toEqual([[1, 2, 3], [5]]);
  });

  it('when a batch fails, then every call of it fails with its error, and the next batch runs afresh', async () => {
    let fail = true;
    const run = batchedByTurn((inputs: readonly string[]) =>
      fail ? Promise.reject(new Error('database away')) : Promise.resolve(inputs),
    );
    const failed = await Promise.allSettled([run('a'), run('b')]);
    expect(failed.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'database away',
      'database away',
    ]);
    fail = false;
    expect(await run('c')).toBe('c');
  });
});
