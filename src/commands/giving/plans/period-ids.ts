import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562's custom layout) from the SHA-256 of a text: the
 * same (plan, period) always names the same donation, in every process.
 */
function uuidFromText(text: string): string {
  const bytes = createHash('sha256').update(text).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The donation a period of a plan records: one per (plan, period), whoever bills it. */
export const periodDonationId = (planId: string, period: number): string =>
  uuidFromText(`recurring-plan:${planId}:period:${period}`);

/** The processor's idempotency key of one charge attempt: two workers on the same attempt charge once. */
export const chargeKey = (planId: string, period: number, attempt: number): string =>
  `recurring-plan:${planId}:period:${period}:attempt:${attempt}`;
