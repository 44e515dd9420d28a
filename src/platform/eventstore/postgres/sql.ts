import { READ_MODEL_ONLY } from '../types.js';

/**
 * The statements of the PostgreSQL event store. Each append is one statement, so
 * one round trip and one short implicit transaction. The revisions it writes come
 * from the expected revision; a writer that raced us to one of them makes the
 * unique `(stream_name, stream_revision)` index fail, which is the conflict.
 */
function appendWhere(revisionOfFirst: string, condition = ''): string {
  return `
    with e as (
      insert into gs_events (event_id, stream_name, stream_revision, category, type, data, metadata)
      select u.id, $1, ${revisionOfFirst} + u.ord - 1, $2, u.type, u.data, u.meta
      from unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) with ordinality as u(id, type, data, meta, ord)
      ${condition}
      returning seq, transaction_id, stream_revision
    )
    select max(stream_revision)::text as revision, transaction_id::text as txid, max(seq)::text as seq
    from e group by transaction_id`;
}

export const appendNoStream = appendWhere('0');

/** Empty result: the stream is not at `$7`. */
export const appendExact = appendWhere(
  '$7::bigint + 1',
  'where exists (select 1 from gs_events where stream_name = $1 and stream_revision = $7::bigint)',
);

export const appendAny = appendWhere(
  'coalesce((select max(stream_revision) from gs_events where stream_name = $1), -1) + 1',
);

/** Raised inside appendNewStreams' statement, with the stream's name after it, when a stream was written in part. */
export const PARTIAL_WRITE = 'gs partial write of ';

/**
 * Starts the streams of the rows given (stream, revision, event) that have no event yet, in one statement (atomic by
 * itself); a stream written meanwhile by another writer is left to it (its rows conflict). A stream written in part
 * (a racer wrote other events for it) fails the whole statement: a cast of PARTIAL_WRITE and its name to an integer.
 * Returns the streams written.
 */
export const appendNewStreams = `
  with u as (
    select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
      with ordinality as u(id, stream, revision, category, type, data, meta, ord)),
  ins as (
    insert into gs_events (event_id, stream_name, stream_revision, category, type, data, metadata)
    select u.id, u.stream, u.revision, u.category, u.type, u.data, u.meta from u
    where not exists (select 1 from gs_events g where g.stream_name = u.stream)
    order by u.ord
    on conflict (stream_name, stream_revision) do nothing
    returning stream_name),
  written as (select stream_name, count(*) as n from ins group by stream_name),
  given as (select stream, count(*) as n from u group by stream),
  partial as (
    select w.stream_name from written w join given g on g.stream = w.stream_name where w.n <> g.n limit 1)
  select w.stream_name, (select ('${PARTIAL_WRITE}' || p.stream_name)::int from partial p) as failed from written w`;

/**
 * Every row given (stream, revision, event) at once, in one statement (atomic by itself, no BEGIN/COMMIT), where each
 * write's stream stands at its expected revision (null: no stream) with nothing after it. A write not where expected
 * inserts nothing and comes back as the one row with `bad` set; a racer's commit of one of our revisions meanwhile is a
 * unique violation of the whole statement. Writes with no rows are checks only.
 */
export const appendAtomically = `
  with u as (
    select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])
      with ordinality as u(id, stream, revision, category, type, data, meta, ord)),
  c as (select * from unnest($8::text[], $9::bigint[]) as c(stream, expected)),
  bad as (
    select c.stream from c where case when c.expected is null
      then exists (select 1 from gs_events g where g.stream_name = c.stream)
      else not exists (select 1 from gs_events g where g.stream_name = c.stream and g.stream_revision = c.expected)
        or exists (select 1 from gs_events g where g.stream_name = c.stream and g.stream_revision = c.expected + 1) end
    limit 1),
  ins as (
    insert into gs_events (event_id, stream_name, stream_revision, category, type, data, metadata)
    select u.id, u.stream, u.revision, u.category, u.type, u.data, u.meta from u
    where not exists (select 1 from bad)
    order by u.ord
    returning stream_name, stream_revision, transaction_id, seq)
  select null::text as bad, stream_name, stream_revision::text as revision, transaction_id::text as txid, seq::text as seq
  from ins
  union all select stream, null, null, null, null from bad`;

export const streamRevision = 'select max(stream_revision)::text as revision from gs_events where stream_name = $1';

// Output names differ from the columns they cast, or ORDER BY would sort the text.
const columns = `seq::text as seq, transaction_id::text as txid, event_id, stream_name,
  stream_revision::text as revision, type, data, metadata, created_at`;

/** The same, with data and metadata as their JSON text and the time as ISO 8601 text (UTC, milliseconds). */
const jsonTextColumns = `seq::text as seq, transaction_id::text as txid, event_id, stream_name,
  stream_revision::text as revision, type, data::text as data, metadata::text as metadata,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at`;

export const readStream = `
  select ${columns} from gs_events
  where stream_name = $1 and stream_revision >= $2
  order by gs_events.stream_revision limit $3`;

/**
 * The horizon: the oldest transaction still running that could yet commit
 * events here. PostgreSQL's snapshot xmin counts every database on the server,
 * so one long transaction elsewhere would stall every reader here; transaction
 * ids that pg_stat_activity positively places in another database are left out
 * (they cannot write to this table), and so are those of projections (a page
 * applied, a rebuild), which name themselves READ_MODEL_ONLY and never append
 * events: a rebuild is one long transaction, and would otherwise hold every reader
 * back until it commits; a page would hold back a request waiting for its write.
 * Anything it cannot place still counts, so no event is ever passed over.
 * xip holds 64-bit ids, backend_xid 32-bit ones. pg_stat_activity is read after
 * the snapshot is taken, so a transaction that ends in between cannot be placed
 * and holds the horizon for this read only: held_by_ended says so, and a reader
 * at the end then reads again at once instead of a poll interval later.
 */
const HORIZON = `
  select coalesce(held, pg_snapshot_xmax(pg_current_snapshot())) as horizon,
    held is not null and pg_xact_status(held) <> 'in progress' as held_by_ended
  from (select
    (select min(x) from pg_snapshot_xip(pg_current_snapshot()) as x
     where (x::text::bigint % 4294967296) not in (
       select backend_xid::text::bigint from pg_stat_activity
       where backend_xid is not null
         and (datname is distinct from current_database() or application_name = '${READ_MODEL_ONLY}'))) as held) s`;

/**
 * One page of the global log, behind the horizon: only events whose transaction
 * is older than every transaction still running. The horizon comes back on every
 * row (and on the one empty row of an empty page) so a filtered reader can move
 * its position past what it has scanned.
 */
export function readAllSql(
  filter: { categories: boolean; eventTypes: boolean; tenantId?: boolean },
  asJsonText = false,
): string {
  const conditions = ['(transaction_id, seq) > ($1::xid8, $2::bigint)', 'transaction_id < h.horizon'];
  // Filter parameters follow the three fixed ones, numbered in the order they are present.
  if (filter.categories) conditions.push(`category = any($${conditions.length + 2}::text[])`);
  if (filter.eventTypes) conditions.push(`type = any($${conditions.length + 2}::text[])`);
  if (filter.tenantId) conditions.push(`metadata->>'tenantId' = $${conditions.length + 2}::text`);
  return `
    with h as (${HORIZON})
    select h.horizon::text as horizon, h.held_by_ended, e.* from h
    left join lateral (
      select ${asJsonText ? jsonTextColumns : columns} from gs_events
      where ${conditions.join(' and ')}
      order by gs_events.transaction_id, gs_events.seq limit $3
    ) e on true`;
}

export const headPosition = `
  with h as (${HORIZON})
  select transaction_id::text as txid, seq::text as seq from gs_events, h
  where transaction_id < h.horizon
  order by gs_events.transaction_id desc, gs_events.seq desc limit 1`;

export const eventsById = `
  select stream_name, stream_revision::text as revision, transaction_id::text as txid, seq::text as seq
  from gs_events where event_id = any($1::uuid[]) order by seq`;

export const eventInStream = 'select 1 from gs_events where event_id = $1::uuid and stream_name = $2';
