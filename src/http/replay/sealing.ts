import type { JsonValue } from '../../platform/eventstore/types.js';

/** What a replayed field shows instead of a secret. */
export const SEALED = '[sealed]';

/**
 * Field names whose values never leave in a replay, whatever the event: credentials and their digests (api secrets,
 * passwords, session and reset tokens), card and payment tokens, keys, and anything stored sealed or encrypted (hub
 * customers' personal fields, recaptcha secrets, reward codes).
 */
const SEALED_NAME =
  /password|secret|token|digest|hash|sealed|cipher|encrypted|iban|cvc|cvv|private|personal|pii|claim_?code/i;

/** The secret box's output (`v1.<kid>.<iv>.<tag>.<ciphertext>`): sealed whatever field carries it. */
const SEALED_VALUE = /^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/;

/**
 * An event's data or metadata as an analyst may see it: the same shape, with every sealed field's value replaced by
 * `[sealed]` (null stays null, so "no card" still reads as none).
 */
/** Field names repeat from event to event: each is judged once. */
const judged = new Map<string, boolean>();
function isSealedName(key: string): boolean {
  let sealedName = judged.get(key);
  if (sealedName === undefined) {
    sealedName = SEALED_NAME.test(key);
    if (judged.size < 10_000) judged.set(key, sealedName);
  }
  return sealedName;
}

export function sealed(value: JsonValue): JsonValue {
  if (typeof value === 'string') return value.startsWith('v1.') && SEALED_VALUE.test(value) ? SEALED : value;
  if (Array.isArray(value)) return value.map(sealed);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = inner !== null && isSealedName(key) ? SEALED : sealed(inner);
  return out;
}

/**
 * Whether a JSON text may hold something to seal: a sealed name anywhere in it (key or value), or a string that starts
 * like a sealed value. PostgreSQL prints jsonb without needless escapes, so a name cannot hide behind `\u` ones;
 * a false alarm only costs the slow path.
 */
const MAY_HOLD_SEALED = new RegExp(`${SEALED_NAME.source}|"v1\\.`, 'i');

/** A JSON text as a replay shows it: as stored when nothing in it is sealed, else parsed, sealed and printed again. */
export function sealedJson(text: string): string {
  return MAY_HOLD_SEALED.test(text) ? JSON.stringify(sealed(JSON.parse(text) as JsonValue)) : text;
}
