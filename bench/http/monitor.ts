import pg from 'pg';

/** The longest-running transaction holding an xid in another database, seen while watching. */
export interface Interference {
  /** Seconds since that transaction began (0 when none was seen). */
  readonly seconds: number;
  readonly database: string | undefined;
}

export interface Watch {
  stop(): Promise<Interference>;
}

/**
 * The event store's read horizon is `pg_snapshot_xmin(pg_current_snapshot())`,
 * which counts every running transaction of the whole PostgreSQL cluster: a
 * transaction holding an xid in any other database holds back every projection,
 * and so every read-your-writes answer, until it ends. On a shared machine that
 * is noise the PATCH figures must own up to: this polls pg_stat_activity every
 * `intervalMs` for the oldest such transaction outside `databaseUrl`'s database.
 */
export async function watchOtherTransactions(databaseUrl: string, intervalMs = 100): Promise<Watch> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'goodstream bench monitor' });
  client.on('error', () => undefined);
  await client.connect();
  let worst: Interference = { seconds: 0, database: undefined };
  let running = true;
  const poll = async (): Promise<void> => {
    while (running) {
      const { rows } = await client.query<{ datname: string | null; seconds: number }>(
        `select datname, extract(epoch from clock_timestamp() - xact_start)::float8 as seconds from pg_stat_activity
         where backend_xid is not null and datname is distinct from current_database() order by xact_start limit 1`,
      );
      const row = rows[0];
      if (row && row.seconds > worst.seconds) worst = { seconds: row.seconds, database: row.datname ?? undefined };
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
  const polling = poll().catch(() => undefined);
  return {
    async stop() {
      running = false;
      await polling;
      await client.end().catch(() => undefined);
      return worst;
    },
  };
}
