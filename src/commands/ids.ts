import { createHash, randomUUID } from 'node:crypto';

/**
 * A UUID named by `parts` under `seed`: SHA-256 of them, cut to 128 bits and
 * marked version 8 (RFC 9562's custom version), so the same parts always name
 * the same id and ids never look like random v4 ones.
 */
export function seededUuid(seed: string, ...parts: readonly string[]): string {
  const hash = createHash('sha256').update(seed);
  for (const part of parts) hash.update('\0').update(part);
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdSource {
  /** The next id: the n-th call names the same id on every retry of the request. */
  next(): string;
}

/**
 * The ids a command gives the resources and line items it creates. A request
 * with an Idempotency-Key carries a seed, and its retry must address the same
 * streams as the first attempt, so the ids derive from the seed and their order;
 * without a seed they are random.
 */
export function idsFor(context: { readonly idempotencySeed?: string }): IdSource {
  const seed = context.idempotencySeed;
  if (seed === undefined) return { next: () => randomUUID() };
  let ordinal = 0;
  return { next: () => seededUuid(seed, 'id', String(ordinal++)) };
}

/** The id of an event a seeded request appends: one per (stream, command, place in the append). */
export function seededEventId(seed: string, stream: string, commandType: string, ordinal: number): string {
  return seededUuid(seed, 'event', stream, commandType, String(ordinal));
}
