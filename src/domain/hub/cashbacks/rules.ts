/*
 * The cashback rules with a name in the contract, each a small pure function (flow 3.7, ambiguity 11, decision 41).
 * Times are ISO 8601 in UTC as the clock prints them (`toISOString`), so they compare as text.
 */

/**
 * When a refused payout is tried again: at the time the schedule gives this attempt (`1h,24h` after the failure by
 * default, computed by the caller from its clock), or never once the schedule is spent (the cashback is then
 * REJECTED). Attempt 1 is the first submission.
 */
export function retryAtAfter(attempt: number, retryTimes: readonly string[]): string | null {
  return retryTimes[attempt - 1] ?? null;
}

/** A failed cashback is due again once its retry time has come. */
export const retryDue = (retryAt: string | null, now: string): boolean => retryAt !== null && retryAt <= now;

/** The idempotency key the payout port is called with: the cashback's id, and the attempt after the first. */
export const idempotencyKeyOf = (cashbackId: string, attempt: number): string =>
  attempt === 1 ? cashbackId : `${cashbackId}.${attempt}`;

/** What REST shows (ambiguity 11): PENDING until the provider answers; the webhook statuses after that. */
export type CashbackStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'RECEIVED' | 'REJECTED';
