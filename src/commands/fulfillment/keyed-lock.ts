/**
 * Runs work on one key one at a time in this process. Reservations race on one promotion stream and one reward
 * stream: queued here, the writers of one process stop colliding on the expected revision; writers of other processes
 * are still decided again on a conflict, so this only saves retries, it is not what makes the reservation exact.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const tail = mine.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
