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
  return async (hubId) => {
    const stamp = await catalogue.stamp(hubId);
    const hit = compiled.get(hubId);
    if (hit?.stamp === stamp) return hit.matcher;
    const matcher = compileStoreMatcher(await catalogue.activeStores(hubId));
    compiled.set(hubId, { stamp, matcher });
    return matcher;
  };
}
