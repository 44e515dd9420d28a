/**
 * The matching rules of flow 2.3, shared by the compiled matcher and the plain loop it is held to: which
 * transactions may match at all, how labels and patterns are compared, and which store wins a tie.
 */

/** Where a matched purchase happened: a store or service of the hub's list. */
export interface PurchaseLocation {
  readonly id: string;
  readonly externalId: string;
  readonly type: 'store' | 'service';
}

/** An active store or service of the hub with the patterns its label must contain. */
export interface MatchableStore extends PurchaseLocation {
  readonly patterns: readonly string[];
}

export interface MatchableTransaction {
  readonly label: string;
  /** Integer minor units; a debit is negative. */
  readonly amount: number;
  /** `YYYY-MM-DD`. */
  readonly purchaseDate: string;
  /** The customer's (or connection's) eligible date, ISO 8601: purchases from that UTC day on may match. */
  readonly eligibleFrom: string;
}

export type UnmatchedReason = 'notADebit' | 'beforeEligibility' | 'noStore';

export type MatchOutcome =
  | { readonly matched: true; readonly purchaseLocation: PurchaseLocation; readonly pattern: string }
  | { readonly matched: false; readonly reason: UnmatchedReason };

export interface StoreMatcher {
  readonly match: (transaction: MatchableTransaction) => MatchOutcome;
}

/**
 * Labels and patterns are compared upper-cased and in NFC, so `CAFÉ` written with a combining accent and
 * with the precomposed letter are one text.
 */
export const comparable = (text: string): string => text.normalize('NFC').toUpperCase();

/** A credit or a purchase before the eligible day never matches, whatever the label says. */
export function refusal(transaction: MatchableTransaction): UnmatchedReason | null {
  if (!(transaction.amount < 0)) return 'notADebit';
  if (transaction.purchaseDate < transaction.eligibleFrom.slice(0, 10)) return 'beforeEligibility';
  return null;
}

/** Code-unit order, the same on every machine (no locale). */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A store whose pattern occurs in a label. */
export interface Candidate {
  readonly store: MatchableStore;
  readonly pattern: string;
}

/** Whether `candidate` beats `current`: the longer pattern wins, then the lower externalId. */
export function beats(candidate: Candidate, current: Candidate): boolean {
  if (candidate.pattern.length !== current.pattern.length) return candidate.pattern.length > current.pattern.length;
  const byId = compareIds(candidate.store.externalId, current.store.externalId);
  // Two patterns of one store: the lower one is reported, so the outcome never depends on scan order.
  return byId === 0 ? compareIds(candidate.pattern, current.pattern) < 0 : byId < 0;
}

/**
 * Flow 2.3 for one transaction: refused outright, or the best of the candidates `find` sees in its label
 * (upper-cased, NFC), or no store.
 */
export function decideMatch(
  transaction: MatchableTransaction,
  find: (label: string) => Iterable<Candidate>,
): MatchOutcome {
  const refused = refusal(transaction);
  if (refused !== null) return { matched: false, reason: refused };
  let best: Candidate | undefined;
  for (const candidate of find(comparable(transaction.label)))
    if (best === undefined || beats(candidate, best)) best = candidate;
  if (best === undefined) return { matched: false, reason: 'noStore' };
  const { id, externalId, type } = best.store;
  return { matched: true, purchaseLocation: { id, externalId, type }, pattern: best.pattern };
}

/** The patterns of a store as compared: normalised, empty ones dropped, each once. */
export const patternsOf = (store: MatchableStore): string[] => [
  ...new Set(store.patterns.map(comparable).filter((p) => p.length > 0)),
];
