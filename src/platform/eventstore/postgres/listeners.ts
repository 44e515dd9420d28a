import type pg from 'pg';

/** The application_name of a store's LISTEN connection, followed by the store's instance id. */
export const LISTENER_PREFIX = 'goodstream listener ';

/** How long an answer holds: a store that starts listening is notified within this, and polls meanwhile. */
const ANSWER_HOLDS_MS = 500;

/**
 * Whether a session other than this store's own listener waits for its NOTIFYs. A process alone on its database
 * (every role in one) has nobody to wake but itself, which its appends already woke: it then sends none, and the
 * NOTIFY, a statement of its own after every append, is saved. Asked of pg_stat_activity at most twice a second
 * while appends come; a failure to ask counts as yes.
 */
export class OtherListeners {
  private known = true;
  private askedAt = Number.NEGATIVE_INFINITY;
  private asking: Promise<boolean> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly instance: string,
  ) {}

  any(): Promise<boolean> {
    if (Date.now() - this.askedAt < ANSWER_HOLDS_MS) return Promise.resolve(this.known);
    this.asking ??= this.ask().finally(() => (this.asking = undefined));
    return this.asking;
  }

  private async ask(): Promise<boolean> {
    try {
      const { rows } = await this.pool.query<{ any: boolean }>({
        name: 'gs_other_listeners',
        text: `select exists (select 1 from pg_stat_activity
                 where datname = current_database() and application_name like $1 and application_name <> $2) as any`,
        values: [`${LISTENER_PREFIX}%`, `${LISTENER_PREFIX}${this.instance}`],
      });
      this.known = rows[0]?.any ?? true;
    } catch {
      this.known = true;
    }
    this.askedAt = Date.now();
    return this.known;
  }
}
