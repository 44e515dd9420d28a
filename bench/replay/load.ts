import pg from 'pg';
import { bar, status } from '../shared/progress.js';

/**
 * Inserts events $1..$2 (inclusive) of the program $3, ten per stream, as appends would have written them: the bulk
 * load of bench:eventstore with the program's id as the tenant in every event's metadata.
 */
const LOAD_SQL = `
  with p as materialized (
    select k,
      jsonb_build_object(
        'memberId', gen_random_uuid(), 'amount', (k % 500) + 1, 'currency', 'EUR', 'causeId', 'cause-' || (k % 37),
        'reason', 'purchase at partner store', 'campaign', 'spring-2025', 'note', md5(k::text)) as data,
      jsonb_build_object(
        'tenantId', $3::text, 'correlationId', gen_random_uuid(), 'causationId', gen_random_uuid(),
        'actor', 'user:' || (k % 1000), 'schemaVersion', 1) as metadata
    from generate_series(0, 1022) as k
  )
  insert into gs_events (event_id, stream_name, stream_revision, category, type, data, metadata)
  select md5('bench-replay-' || i)::uuid, 'ledger-' || lpad((i / 10)::text, 9, '0'), i % 10, 'ledger',
    (array['PointsEarned', 'PointsSpent', 'DonationMade', 'MemberUpdated'])[(i % 4) + 1], p.data, p.metadata
  from generate_series($1::bigint, $2::bigint) as i
  join p on p.k = i % 1023`;

/** Loads `count` events of the program in chunks, two statements at a time, then vacuums and analyzes. */
export async function loadEvents(databaseUrl: string, programId: string, count: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const started = performance.now();
  const progress = bar(`bulk load of ${count.toLocaleString('en-US')} events`, count);
  try {
    const chunks: [number, number][] = [];
    for (let from = 0; from < count; from += 50_000) chunks.push([from, Math.min(count, from + 50_000) - 1]);
    let done = 0;
    const worker = async (): Promise<void> => {
      for (let next = chunks.shift(); next; next = chunks.shift()) {
        await pool.query({ name: 'bench_replay_load', text: LOAD_SQL, values: [...next, programId] });
        done += next[1] - next[0] + 1;
        progress.update(done);
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    progress.stop();
  }
  try {
    await pool.query('vacuum analyze gs_events');
    await pool.query('checkpoint');
  } finally {
    await pool.end();
  }
  status(`  loaded in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}
