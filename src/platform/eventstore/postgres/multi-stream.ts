import type pg from 'pg';
import {
  categoryOf,
  WrongExpectedRevisionError,
  type AtomicAppendResult,
  type NewEvent,
  type NewStream,
  type StreamWrite,
} from '../types.js';
import * as sql from './sql.js';

const UNIQUE_VIOLATION = '23505';

/** What a multi-stream write needs of its store: its pool, and a stream's revision to name in a refusal. */
export interface MultiStreamDeps {
  readonly pool: pg.Pool;
  readonly currentRevision: (stream: string) => Promise<bigint | 'no_stream'>;
}

/** A stream found elsewhere than expected: the transaction is rolled back before it is reported. */
class Conflict extends Error {
  constructor(
    readonly stream: string,
    readonly expected: bigint | 'no_stream',
  ) {
    super(`stream ${stream} is not where this write expected it`);
  }
}

/** One transaction on a client of its own: a conflict (or any failure) rolls the whole write back. */
async function inOneTransaction<T>(deps: MultiStreamDeps, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await deps.pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    if (error instanceof Conflict)
      throw new WrongExpectedRevisionError(error.stream, error.expected, await deps.currentRevision(error.stream));
    throw error;
  } finally {
    client.release();
  }
}

/** The rows' columns as the statements' first seven arrays: id, stream, revision, category, type, data, metadata. */
const rowColumns = (
  rows: ReadonlyArray<{ readonly stream: string; readonly revision: unknown; readonly e: NewEvent }>,
) => [
  rows.map((r) => r.e.id),
  rows.map((r) => r.stream),
  rows.map((r) => r.revision),
  rows.map((r) => categoryOf(r.stream)),
  rows.map((r) => r.e.type),
  rows.map((r) => JSON.stringify(r.e.data)),
  rows.map((r) => JSON.stringify(r.e.metadata ?? {})),
];

/**
 * One INSERT for every stream, in one transaction: the streams that exist are left out (and so are those another
 * writer starts meanwhile: their rows conflict and wait for it). A stream written in part would mean a racer
 * wrote other events to it: the whole write is rolled back and fails, as a no_stream append would.
 * Answers the streams written.
 */
export async function appendNewStreams(deps: MultiStreamDeps, writes: readonly NewStream[]): Promise<Set<string>> {
  const rows = writes.flatMap(({ stream, events }) => events.map((e, revision) => ({ stream, revision, e })));
  if (rows.length === 0) return new Set();
  return inOneTransaction(deps, async (client) => {
    const { rows: inserted } = await client.query<{ stream_name: string }>({
      name: 'gs_append_new_streams',
      text: sql.appendNewStreams,
      values: rowColumns(rows),
    });
    const written = new Map<string, number>();
    for (const { stream_name } of inserted) written.set(stream_name, (written.get(stream_name) ?? 0) + 1);
    const partial = writes.find(({ stream, events }) => {
      const n = written.get(stream);
      return n !== undefined && n !== events.length;
    });
    if (partial) throw new Conflict(partial.stream, 'no_stream');
    return new Set(written.keys());
  });
}

/**
 * One statement for every stream (sql.appendAtomically): a stream not at its expected revision (or a racer's revision
 * taken) writes nothing and fails the whole write. A write with no events is a check of its stream only. Answers
 * where it landed (undefined: no events).
 */
export async function appendAtomically(
  deps: MultiStreamDeps,
  writes: readonly StreamWrite[],
): Promise<AtomicAppendResult | undefined> {
  if (writes.length === 0) return undefined;
  const rows = writes.flatMap(({ stream, events, expectedRevision }) => {
    const first = expectedRevision === 'no_stream' ? 0n : expectedRevision + 1n;
    return events.map((e, i) => ({ stream, revision: (first + BigInt(i)).toString(), e }));
  });
  let answered: Array<InsertedRow & { readonly bad: string | null }>;
  try {
    ({ rows: answered } = await deps.pool.query<InsertedRow & { bad: string | null }>({
      name: 'gs_append_atomically',
      text: sql.appendAtomically,
      values: [
        ...rowColumns(rows),
        writes.map((w) => w.stream),
        writes.map((w) => (w.expectedRevision === 'no_stream' ? null : w.expectedRevision.toString())),
      ],
    }));
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    // The violated key names the stream: "Key (stream_name, stream_revision)=(<stream>, <n>) already exists."
    const detail = (error as { detail?: string }).detail ?? '';
    throw await refusal(deps, writes.find((w) => detail.includes(`=(${w.stream}, `)) ?? writes[0]!);
  }
  const bad = answered.find((r) => r.bad !== null)?.bad;
  if (bad)
    throw await refusal(
      deps,
      writes.find((w) => w.stream === bad)!,
    );
  return rows.length === 0 ? undefined : landing(answered);
}

async function refusal(deps: MultiStreamDeps, write: StreamWrite): Promise<WrongExpectedRevisionError> {
  return new WrongExpectedRevisionError(write.stream, write.expectedRevision, await deps.currentRevision(write.stream));
}

interface InsertedRow {
  readonly stream_name: string;
  readonly revision: string;
  readonly txid: string;
  readonly seq: string;
}

/** One transaction's rows: the last of them by sequence, and each stream's highest revision. */
function landing(inserted: readonly InsertedRow[]): AtomicAppendResult {
  const revisions = new Map<string, bigint>();
  let last = inserted[0]!;
  for (const row of inserted) {
    const revision = BigInt(row.revision);
    if (revision > (revisions.get(row.stream_name) ?? -1n)) revisions.set(row.stream_name, revision);
    if (BigInt(row.seq) > BigInt(last.seq)) last = row;
  }
  return { position: { commit: BigInt(last.txid), prepare: BigInt(last.seq) }, revisions };
}
