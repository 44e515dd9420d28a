/**
 * A position in the global log. Both adapters order events by a pair:
 * EventStoreDB's `{commit, prepare}` and, in PostgreSQL, `(transaction_id, seq)`.
 * A bare sequence number would not do: PostgreSQL hands sequence numbers out
 * before commit, so a later commit can carry a lower number.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START: Position = { commit: 0n, prepare: 0n };

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function isAfter(a: Position, b: Position): boolean {
  return comparePositions(a, b) > 0;
}

const WIDTH = 16;

/** One string that sorts like the position itself: two fixed-width hex halves. */
export function formatPosition(p: Position): string {
  return `${p.commit.toString(16).padStart(WIDTH, '0')}-${p.prepare.toString(16).padStart(WIDTH, '0')}`;
}

const POSITION_PATTERN = /^([0-9a-f]{1,16})-([0-9a-f]{1,16})$/i;

export function parsePosition(text: string): Position {
  const match = POSITION_PATTERN.exec(text.trim());
  if (!match) throw new RangeError(`not a position: "${text}" (expected <hex>-<hex>, as printed by the API)`);
  return { commit: BigInt(`0x${match[1]}`), prepare: BigInt(`0x${match[2]}`) };
}

export function maxPosition(a: Position, b: Position): Position {
  return comparePositions(a, b) >= 0 ? a : b;
}
