import { DomainError } from '../../../domain/shared/errors.js';
import { HttpError } from '../../errors.js';

const WINDOW_MS = 60_000;
const LIMIT = 5;
/** The refusals of checks 2–4 of Redeem: a failed proof. */
const PROOF_FAILURES = new Set([
  'authentication_system_not_supported',
  'invalid_token',
  'invalid_user',
  'user_mismatch',
]);

/**
 * Five failed proofs within a minute for one claim code (anonymous callers) or one program (form b): the next attempt
 * answers 429 with Retry-After. Counted in this process (a deployment of several API processes counts per process).
 */
export class FailedProofs {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Throws 429 while `key` has five failures in the last minute. */
  check(key: string): void {
    const recent = this.recent(key);
    if (recent.length < LIMIT) return;
    const seconds = Math.max(1, Math.ceil((recent[0]! + WINDOW_MS - this.now()) / 1000));
    throw new HttpError('too_many_requests', `too many failed proofs; retry after ${seconds} s`, [], {
      'Retry-After': String(seconds),
    });
  }

  /** Runs `work`, counting a failed proof against `key`. */
  async counting<T>(key: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError && PROOF_FAILURES.has(error.errorName))
        this.failures.set(key, [...this.recent(key), this.now()]);
      throw error;
    }
  }

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}
