import AhoCorasick from 'modern-ahocorasick';
import {
  beats,
  decideMatch,
  patternsOf,
  type Candidate,
  type MatchableStore,
  type StoreMatcher,
} from '../../../domain/hub/transactions/matching-rules.js';

/**
 * Compiles a hub's active stores and services into one Aho–Corasick automaton, built once per store list: a
 * label is scanned once whatever the number of patterns. A pattern several stores share is owned by the one
 * that wins the tie (lowest externalId), so the automaton holds each pattern once.
 */
export function compileStoreMatcher(stores: readonly MatchableStore[]): StoreMatcher {
  const owners = new Map<string, Candidate>();
  for (const store of stores)
    for (const pattern of patternsOf(store)) {
      const current = owners.get(pattern);
      const candidate = { store, pattern };
      if (current === undefined || beats(candidate, current)) owners.set(pattern, candidate);
    }
  const automaton = new AhoCorasick<Candidate>(
    [...owners.values()].map((owner) => ({ pattern: owner.pattern, data: owner })),
  );
  const find = function* (label: string): Iterable<Candidate> {
    for (const hit of automaton.iterate(label)) yield hit.data!;
  };
  return { match: (transaction) => decideMatch(transaction, find) };
}
