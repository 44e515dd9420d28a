/**
 * Releases a key; when that fails (the database is away), keeps trying in the
 * background, 0.25 s doubling to 2 s, until it lands or the key's lock has lapsed
 * anyway. A retry after an outage then runs as soon as the database is back,
 * instead of meeting 409s until the lock runs out. The answer never waits for it.
 */
export async function releaseSoon(
  release: () => Promise<void>,
  lockMs: number,
  onGiveUp: (error: unknown) => void,
): Promise<void> {
  const deadline = Date.now() + lockMs;
  const again = (error: unknown, delayMs: number): void => {
    if (Date.now() + delayMs >= deadline) {
      onGiveUp(error);
      return;
    }
    setTimeout(() => {
      release().catch((next: unknown) => again(next, Math.min(delayMs * 2, 2_000)));
    }, delayMs).unref();
  };
  await release().catch((error: unknown) => again(error, 250));
}
