import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { releaseSoon } from '../../../src/http/idempotency/release.js';

describe('releaseSoon', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when the release fails, then the answer does not wait, and the release is tried again until it lands', async () => {
    let calls = 0;
    const release = () => (++calls < 3 ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve());
    const gaveUp = vi.fn();
    await releaseSoon(release, 10_000, gaveUp);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(250);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(3);
    expect(gaveUp).not.toHaveBeenCalled();
  });

  it('when the database stays away, then it gives up once the lock would have lapsed anyway', async () => {
    let calls = 0;
    const release = () => {
      calls += 1;
      return Promise.reject(new Error('connect ECONNREFUSED'));
    };
    const gaveUp = vi.fn();
    await releaseSoon(release, 3_000, gaveUp);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(gaveUp).toHaveBeenCalledTimes(1);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(5);
  });
});
