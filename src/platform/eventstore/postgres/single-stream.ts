import type pg from 'pg';
import {
  categoryOf,
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../types.js';
import * as sql from './sql.js';

interface AppendRow {
  revision: string;
  txid: string;
  seq: string;
}

const UNIQUE_VIOLATION = '23505';
const MAX_ANY_ATTEMPTS = 20;

export async function currentRevision(pool: pg.Pool, stream: string): Promise<bigint | 'no_stream'> {
  const { rows } = await pool.query<{ revision: string | null }>(sql.streamRevision, [stream]);
  const revision = rows[0]?.revision;
  return revision === null || revision === undefined ? 'no_stream' : BigInt(revision);
}

/**
 * One append to one stream in one statement, at the expected revision (`any`: the next one, taken again when a racer
 * took it). The same event ids appended again is a retry, answered as the first append was.
 */
export async function appendToStream(
  pool: pg.Pool,
  stream: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): Promise<AppendResult> {
  const values: unknown[] = [
    stream,
    categoryOf(stream),
    events.map((e) => e.id),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata ?? {})),
  ];
  let statement = { name: 'gs_append_any', text: sql.appendAny };
  if (expectedRevision === 'no_stream') statement = { name: 'gs_append_no_stream', text: sql.appendNoStream };
  else if (typeof expectedRevision === 'bigint') {
    statement = { name: 'gs_append_exact', text: sql.appendExact };
    values.push(expectedRevision.toString());
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await pool.query<AppendRow>({ ...statement, values });
      const row = rows[0];
      if (!row) return await alreadyAppended(pool, stream, events, expectedRevision);
      return { nextRevision: BigInt(row.revision), position: { commit: BigInt(row.txid), prepare: BigInt(row.seq) } };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      // With "any" a racing writer took our revision: take the next one.
      if (expectedRevision === 'any' && attempt < MAX_ANY_ATTEMPTS && (await byIds(pool, events)).length === 0)
        continue;
      return await alreadyAppended(pool, stream, events, expectedRevision);
    }
  }
}

async function byIds(pool: pg.Pool, events: readonly NewEvent[]) {
  const { rows } = await pool.query<{ stream_name: string; revision: string; txid: string; seq: string }>({
    name: 'gs_events_by_id',
    text: sql.eventsById,
    values: [events.map((e) => e.id)],
  });
  return rows;
}

/** Appending the same event ids again is a retry: answer as the first append did, as EventStoreDB does. */
async function alreadyAppended(
  pool: pg.Pool,
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const rows = await byIds(pool, events);
  const last = rows.at(-1);
  if (rows.length !== events.length || !last || rows.some((r) => r.stream_name !== stream)) {
    throw new WrongExpectedRevisionError(stream, expected, await currentRevision(pool, stream));
  }
  return { nextRevision: BigInt(last.revision), position: { commit: BigInt(last.txid), prepare: BigInt(last.seq) } };
}
