import type { MatchableStore, StoreMatcher } from '../../../domain/hub/transactions/matching-rules.js';
import { compileStoreMatcher } from './store-matcher.js';

/** What the matcher is built from: the hub's active stores, and a stamp that changes whenever they do. */
export interface StoreCatalogue {
  /** Cheap to ask at every sync (e.g. the count and latest change of the hub's store rows). */
  stamp(hubId: string): Promise<string>;
  activeStores(hubId: string): Promise<MatchableStore[]>;
}

export type MatcherOf = (hubId: string) => Promise<StoreMatcher>;

/**
 * One compiled matcher per hub, rebuilt when the hub's store list changes (its stamp moves): compiling is the
 * costly part, matching a label then costs the same whatever the number of patterns.
 */
export function cachedMatchers(catalogue: StoreCatalogue): MatcherOf {
  const compiled = new Map<string, { stamp: string; matcher: StoreMatcher }>();
  const stampOf = sharedReads((hubId: string) => catalogue.stamp(hubId));
  return async (hubId) => {
    const stamp = await stampOf(hubId);
    const hit = compiled.get(hubId);
    if (hit?.stamp === stamp) return hit.matcher;
    const matcher = compileStoreMatcher(await catalogue.activeStores(hubId));
    compiled.set(hubId, { stamp, matcher });
    return matcher;
  };
}

/**
 * The callers asking for a key while its read is under way share the next read, which starts once that one ends:
 * each caller gets an answer read after it asked (a read already under way could miss a change made just before),
 * and a thousand syncs at once cost a few reads, not a thousand.
 */
export function sharedReads<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const underWay = new Map<string, Promise<T>>();
  const next = new Map<string, Promise<T>>();
  return (key) => {
    const waiting = next.get(key);
    if (waiting) return waiting;
    const before = underWay.get(key);
    const reading: Promise<T> = (before ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        next.delete(key);
        underWay.set(key, reading);
        try {
          return await read(key);
        } finally {
          if (underWay.get(key) === reading) underWay.delete(key);
        }
      });
    next.set(key, reading);
    return reading;
  };
}
