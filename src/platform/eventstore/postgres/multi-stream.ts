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
 * One statement for every stream (sql.appendNewStreams): the streams that exist are left out (and so are those
 * another writer starts meanwhile: their rows conflict and wait for it). A stream written in part would mean a racer
 * wrote other events to it: the whole write fails and writes nothing, as a no_stream append would. Answers the streams
 * written.
 */
export async function appendNewStreams(deps: MultiStreamDeps, writes: readonly NewStream[]): Promise<Set<string>> {
  const rows = writes.flatMap(({ stream, events }) => events.map((e, revision) => ({ stream, revision, e })));
  if (rows.length === 0) return new Set();
  try {
    const { rows: written } = await deps.pool.query<{ stream_name: string }>({
      name: 'gs_append_new_streams',
      text: sql.appendNewStreams,
      values: rowColumns(rows),
    });
    return new Set(written.map((r) => r.stream_name));
  } catch (error) {
    const message = (error as { message?: string }).message ?? '';
    const partial = writes.find((w) => message.includes(`${sql.PARTIAL_WRITE}${w.stream}"`));
    if (!partial) throw error;
    throw new WrongExpectedRevisionError(partial.stream, 'no_stream', await deps.currentRevision(partial.stream));
  }
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
