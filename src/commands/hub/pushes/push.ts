import { randomUUID } from 'node:crypto';
import { pushEvents } from '../../../domain/hub/pushes/events.js';
import { pushDecider } from '../../../domain/hub/pushes/push.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { pushedEvent, transactionDecider } from '../../../domain/hub/transactions/transaction.js';
import type { DomainEvent } from '../../../domain/shared/decider.js';
import { appendAtomically } from '../../../platform/eventstore/index.js';
import { WrongExpectedRevisionError, type JsonObject, type StreamWrite } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import { SCHEMA_VERSION, type CommandContext } from '../../shared/command.js';
import { pushBatchIdOf, pushStream, transactionStream } from '../streams.js';

export const TRANSACTION_PUSH = 'transactionPush';
/** At most this many transactions per customer_transactions (flow 2.4). */
export const PUSH_BATCH_SIZE = 100;
/** Batches written together, in one all-or-nothing write. */
const BATCHES_PER_WRITE = 10;
/** A tick makes at most this many writes for a hub; the next tick goes on. */
const MAX_WRITES_PER_RUN = 1000;
/** Transactions a batch may leave out (each moved since the read model saw it) before the run stops. */
const MAX_LEFT_OUT = 100;
/** Transactions found pushed already that a run passes over before it stops (its read model is far behind). */
const MAX_PASSED = 20_000;

export interface Unpushed {
  readonly id: string;
  readonly programId: string;
  /** The match's place in the log, as the read model sorts it. */
  readonly position: string;
  /** The transaction stream's revision as the read model saw it: the push appends there. */
  readonly version: bigint;
}

export interface PushDeps extends CommandDeps {
  /** The hub's next matched, unpushed transactions in event order, after a match position when given. */
  readonly unpushed: (hubId: string, after: string | null, limit: number) => Promise<Unpushed[]>;
}

const newEvent = (event: DomainEvent, context: CommandContext) => ({
  id: randomUUID(),
  type: event.type,
  data: event.data as JsonObject,
  metadata: {
    tenantId: context.tenantId,
    actor: context.actor,
    causationId: context.causationId,
    schemaVersion: SCHEMA_VERSION,
  },
});

type Outcome =
  | { readonly outcome: 'pushed' }
  /** Pushed already, by another pusher or an earlier run the read model has not caught up with: those transactions. */
  | { readonly outcome: 'taken'; readonly transactionIds: readonly string[] }
  | { readonly outcome: 'moved'; readonly transactionId: string };

/** A batch's write: TransactionPushed on each transaction at the revision the read model showed, then its stream. */
function batchWrites(
  deps: PushDeps,
  hubId: string,
  batch: readonly Unpushed[],
): { batchId: string; writes: StreamWrite[] } {
  const first = batch[0]!;
  const batchId = pushBatchIdOf(hubId, first.id);
  const now = deps.clock.now().toISOString();
  const context = { tenantId: first.programId, actor: TRANSACTION_PUSH, causationId: hubId };
  const [pushed] = pushDecider.decide(
    {
      type: 'PushTransactions',
      data: { batchId, hubId, programId: first.programId, transactionIds: batch.map((t) => t.id), now },
    },
    pushDecider.initialState(),
  );
  const writes = [
    ...batch.map((t) => ({
      stream: transactionStream(t.id),
      events: [newEvent(pushedEvent(t.id, batchId, now), context)],
      expectedRevision: t.version,
    })),
    // Last: a store that writes stream by stream never sends a batch whose transactions it could not mark.
    { stream: pushStream(batchId), events: [newEvent(pushed!, context)], expectedRevision: 'no_stream' as const },
  ];
  return { batchId, writes };
}

/**
 * Several batches in one write, all or nothing: true when they all went; false when one of them met a stream
 * elsewhere than the read model showed (a dissociation, another pusher), and nothing was written.
 */
async function pushTogether(deps: PushDeps, hubId: string, batches: readonly Unpushed[][]): Promise<boolean> {
  try {
    await appendAtomically(
      deps.store,
      batches.flatMap((batch) => batchWrites(deps, hubId, batch).writes),
    );
    return true;
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return false;
    throw error;
  }
}

/**
 * One batch in one write, all or nothing (batchWrites). Resolves to 'pushed'; 'taken' with what the batch that was
 * there (or that holds a transaction of this one) sent; or 'moved' with a transaction whose stream moved otherwise
 * (dissociated meanwhile, or a read model behind it).
 */
async function pushBatch(deps: PushDeps, hubId: string, batch: readonly Unpushed[]): Promise<Outcome> {
  const { batchId, writes } = batchWrites(deps, hubId, batch);
  try {
    await appendAtomically(deps.store, writes);
    return { outcome: 'pushed' };
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    if (error.stream === pushStream(batchId)) return { outcome: 'taken', transactionIds: await sentIn(deps, batchId) };
    const moved = batch.find((t) => transactionStream(t.id) === error.stream);
    if (moved === undefined) return { outcome: 'taken', transactionIds: [] };
    const { state } = await foldStream(deps.store, transactionDecider, transactionEvents, error.stream);
    if (state.status === 'none' || state.batchId === undefined) return { outcome: 'moved', transactionId: moved.id };
    const sent = await sentIn(deps, state.batchId);
    return { outcome: 'taken', transactionIds: sent.includes(moved.id) ? sent : [...sent, moved.id] };
  }
}

/** The transactions a pushed batch sent, from its stream. */
async function sentIn(deps: PushDeps, batchId: string): Promise<string[]> {
  const { state } = await foldStream(deps.store, pushDecider, pushEvents, pushStream(batchId));
  return state.status === 'pushed' ? state.pushed.transactionIds : [];
}

/**
 * Where a hub's pushes by this process have reached (the match position of the last transaction pushed), kept from
 * one run to the next: a run starts after it, since the read model may not show the last run's pushes yet (and every
 * transaction matched later is further on in the log). Nothing kept: from the first unpushed one.
 */
export interface PushProgress {
  after: string | null;
}

/**
 * transactionPush for one hub: batches of up to 100 matched, unpushed transactions in event order, ten at a time in
 * one all-or-nothing write (one at a time after a conflict). Each batch writes TransactionPushed on every
 * transaction's stream at its revision, and one TransactionsPushed on the batch's own stream (named by its first
 * transaction) with no_stream. A batch found pushed already (another pusher, or a read
 * model behind the log) tells what it sent, which this run then passes over; a transaction whose stream moved
 * otherwise since the read model saw it (a dissociation) is left out. So no transaction is pushed twice, none is both
 * dissociated and pushed, and a read model behind the pushes holds no push back.
 */
export async function pushHub(
  deps: PushDeps,
  hubId: string,
  progress: PushProgress = { after: null },
): Promise<{ batches: number; transactions: number }> {
  let { after } = progress;
  let batches = 0;
  let transactions = 0;
  const passed = new Set<string>();
  let leftOut = 0;
  for (let writes = 0; writes < MAX_WRITES_PER_RUN && leftOut <= MAX_LEFT_OUT && passed.size <= MAX_PASSED; writes++) {
    const picked = await deps.unpushed(hubId, after, PUSH_BATCH_SIZE * BATCHES_PER_WRITE + passed.size);
    const next = chunks(
      picked.filter((t) => !passed.has(t.id)),
      PUSH_BATCH_SIZE,
    ).slice(0, BATCHES_PER_WRITE);
    if (next.length === 0) break;
    // Most often every batch goes at once; a conflict makes the run go one batch at a time to see why.
    const sent = next.length > 1 && (await pushTogether(deps, hubId, next)) ? next : next.slice(0, 1);
    if (sent.length === 1) {
      const outcome = await pushBatch(deps, hubId, sent[0]!);
      if (outcome.outcome === 'taken') {
        // Nothing learnt: stop rather than meet it again.
        if (outcome.transactionIds.every((id) => passed.has(id))) break;
        for (const id of outcome.transactionIds) passed.add(id);
        continue;
      }
      if (outcome.outcome === 'moved') {
        leftOut++;
        passed.add(outcome.transactionId);
        continue;
      }
    }
    batches += sent.length;
    for (const batch of sent) transactions += batch.length;
    // The read model may not show these batches yet: the next ones start after them by position, not by their flag.
    after = sent.at(-1)!.at(-1)!.position;
    progress.after = after;
  }
  return { batches, transactions };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
