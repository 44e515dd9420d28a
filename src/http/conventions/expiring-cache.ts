/**
 * A bounded, short-lived memory of lookups: a hit skips a database round trip.
 * It serves what cannot change under it (an API secret's digest or an api key
 * always names the same program), or what its keys make stale (a key that
 * names the read models' state). Entries expire so that memory stays bounded by
 * recent callers, and the oldest go first.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly expires: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    this.entries.delete(key);
    const value = await load();
    // Misses are not kept: a flood of wrong secrets must not push the right ones out.
    if (value !== undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    }
    return value;
  }
}
