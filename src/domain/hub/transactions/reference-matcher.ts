import { decideMatch, patternsOf, type Candidate, type MatchableStore, type StoreMatcher } from './matching-rules.js';

/**
 * The rules of flow 2.3 written as the obvious loop over every pattern with `includes`. Too slow for a hub
 * (time grows with the number of patterns); it is what the compiled matcher is tested and benchmarked against.
 */
export function referenceStoreMatcher(stores: readonly MatchableStore[]): StoreMatcher {
  const candidates: Candidate[] = stores.flatMap((store) => patternsOf(store).map((pattern) => ({ store, pattern })));
  return {
    match: (transaction) =>
      decideMatch(transaction, (label) => candidates.filter(({ pattern }) => label.includes(pattern))),
  };
}
