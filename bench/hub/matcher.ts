/**
 * bench:hub part 1 — the store matcher against the plain `includes` loop over the same stores and labels.
 * The data is generated from a seeded PRNG, so every run matches the same labels against the same patterns.
 */
import { compileStoreMatcher } from '../../src/commands/hub/transactions/store-matcher.js';
import type {
  MatchableStore,
  MatchableTransaction,
  MatchOutcome,
  StoreMatcher,
} from '../../src/domain/hub/transactions/matching-rules.js';
import { referenceStoreMatcher } from '../../src/domain/hub/transactions/reference-matcher.js';
import { mulberry32 } from '../../src/http/hub/pushes/test-fire.js';

const SYLLABLES = ['BO', 'LA', 'MI', 'KE', 'RU', 'TA', 'NO', 'VI', 'SE', 'PA', 'DU', 'ZO', 'CHA', 'GRI', 'TRO'];
const WORDS = ['CB', 'PAIEMENT', 'CARTE', 'PARIS', 'LYON', 'SARL', 'SAS', 'FR', 'WEB', 'DU', 'LE', 'MAGASIN'];

export interface MatcherData {
  readonly stores: MatchableStore[];
  readonly transactions: MatchableTransaction[];
}

/**
 * `patterns` store names of two or three invented words (some stores sharing a prefix, so longest-wins and
 * ties are exercised) and `labels` card labels, a third of which name a store, one in ten being credits.
 */
export function matcherData(patterns: number, labels: number): MatcherData {
  const random = mulberry32(20261205);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const word = (): string => Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  const stores: MatchableStore[] = [];
  for (let i = 0; i < patterns; i += 1) {
    const base = i % 10 === 9 ? stores[i - 1]!.patterns[0]!.split(' ')[0]! : word();
    const name = random() < 0.5 ? `${base} ${word()}` : `${base} ${word()} ${word()}`;
    stores.push({
      id: `store-${i}`,
      externalId: String(100_000 + i),
      type: i % 7 === 0 ? 'service' : 'store',
      patterns: [name],
    });
  }
  const transactions: MatchableTransaction[] = [];
  for (let i = 0; i < labels; i += 1) {
    const middle = random() < 0.33 ? pick(stores).patterns[0]!.toLowerCase() : `${word()} ${word()}`;
    transactions.push({
      label: `${pick(WORDS)} ${middle} ${pick(WORDS)} ${String(1 + (i % 28)).padStart(2, '0')}/11`,
      amount: i % 10 === 0 ? 150_000 : -(100 + (i % 9_000)),
      purchaseDate: i % 50 === 0 ? '2026-10-01' : '2026-11-20',
      eligibleFrom: '2026-11-01T00:00:00.000Z',
    });
  }
  return { stores, transactions };
}

export interface MatcherRun {
  readonly seconds: number;
  /** Of `seconds`, the time the matcher took to build. */
  readonly buildSeconds: number;
  readonly outcomes: MatchOutcome[];
}

function timed(matcher: () => StoreMatcher, transactions: readonly MatchableTransaction[]): MatcherRun {
  const started = performance.now();
  const compiled = matcher();
  const built = performance.now();
  const outcomes = transactions.map((t) => compiled.match(t));
  return { seconds: (performance.now() - started) / 1000, buildSeconds: (built - started) / 1000, outcomes };
}

/** The compiled matcher, its build included in the time (a hub compiles once per store list). */
export const runCompiled = (data: MatcherData): MatcherRun =>
  timed(() => compileStoreMatcher(data.stores), data.transactions);

export const runNaive = (data: MatcherData): MatcherRun =>
  timed(() => referenceStoreMatcher(data.stores), data.transactions);

/** How many outcomes differ between two runs (0 when the matcher is right). */
export function differences(a: MatcherRun, b: MatcherRun): number {
  let count = 0;
  for (let i = 0; i < a.outcomes.length; i += 1)
    if (JSON.stringify(a.outcomes[i]) !== JSON.stringify(b.outcomes[i])) count += 1;
  return count;
}

export const matchedCount = (run: MatcherRun): number => run.outcomes.filter((o) => o.matched).length;
