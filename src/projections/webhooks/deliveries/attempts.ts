import type { Knex } from 'knex';
import { batchedByTurn } from '../../../platform/batched-by-turn.js';
import type { DeliveryStatus } from './rows.js';

export interface AttemptRecord {
  readonly deliveryId: string;
  readonly attemptNumber: number;
  readonly startedAt: Date;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly responseExcerpt: string | null;
}

export interface AttemptOutcome {
  readonly status: DeliveryStatus;
  readonly nextAttemptAt?: Date;
}

/**
 * Logs attempts and moves their deliveries on, in one prepared statement (so one
 * round trip and one implicit transaction) for the attempts of a turn of the
 * event loop.
 */
async function recordAttempts(
  knex: Knex,
  records: ReadonlyArray<{ attempt: AttemptRecord; outcome: AttemptOutcome }>,
): Promise<void> {
  // One array per column, nulls included, which unnest() turns back into rows.
  const column = (pick: (r: (typeof records)[number]) => unknown): Knex.Value => records.map(pick) as Knex.Value;
  await knex
    .raw(
      `with input as (
         select * from unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
           as t(delivery_id, attempt_number, started_at, status_code, latency_ms, error, response_excerpt, status, next_attempt_at)
       ), logged as (
         insert into gs_webhook_attempts (delivery_id, attempt_number, started_at, status_code, latency_ms, error, response_excerpt)
         select delivery_id, attempt_number, started_at, status_code, latency_ms, error, response_excerpt from input
         on conflict (delivery_id, attempt_number) do nothing
       )
       update gs_webhook_deliveries d
       set status = i.status, attempts = i.attempt_number + 1, round_attempts = d.round_attempts + 1, last_status_code = i.status_code, last_error = i.error,
           next_attempt_at = coalesce(i.next_attempt_at, d.next_attempt_at),
           delivered_at = case when i.status = 'delivered' then now() else d.delivered_at end
       from input i
       where d.id = i.delivery_id`,
      [
        column((r) => r.attempt.deliveryId),
        column((r) => r.attempt.attemptNumber),
        column((r) => r.attempt.startedAt),
        column((r) => r.attempt.statusCode),
        column((r) => r.attempt.latencyMs),
        column((r) => r.attempt.error),
        column((r) => r.attempt.responseExcerpt),
        column((r) => r.outcome.status),
        column((r) => r.outcome.nextAttemptAt ?? null),
      ],
    )
    .options({ name: 'gs_record_attempts' });
}

/** The worker's attempt log: the attempts that end within one turn of the event loop share one statement. */
export function attemptRecorder(knex: Knex): (attempt: AttemptRecord, outcome: AttemptOutcome) => Promise<void> {
  const record = batchedByTurn(async (records: ReadonlyArray<{ attempt: AttemptRecord; outcome: AttemptOutcome }>) => {
    await recordAttempts(knex, records);
    return records.map(() => undefined);
  });
  return (attempt, outcome) => record({ attempt, outcome });
}
