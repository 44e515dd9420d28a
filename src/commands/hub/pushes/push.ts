import { randomUUID } from 'node:crypto';
import { pushDecider } from '../../../domain/hub/pushes/push.js';
import { transactionEvents } from '../../../domain/hub/transactions/events.js';
import { pushedEvent, transactionDecider } from '../../../domain/hub/transactions/transaction.js';
import type { DomainEvent } from '../../../domain/shared/decider.js';
import { appendAtomically } from '../../../platform/eventstore/index.js';
import { WrongExpectedRevisionError, type JsonObject } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import { SCHEMA_VERSION, type CommandContext } from '../../shared/command.js';
import { pushBatchIdOf, pushStream, transactionStream } from '../streams.js';

export const TRANSACTION_PUSH = 'transactionPush';
/** At most this many transactions per customer_transactions (flow 2.4). */
export const PUSH_BATCH_SIZE = 100;
/** A tick pushes at most this many batches of a hub; the next tick goes on. */
const MAX_BATCHES_PER_RUN = 1000;
/** Transactions a batch may leave out (each moved since the read model saw it) before the run stops. */
const MAX_LEFT_OUT = 100;

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

/**
 * One batch in one write, all or nothing: TransactionPushed on each transaction's stream at the revision the read
 * model showed, then TransactionsPushed on the batch's own stream with no_stream. Resolves to 'pushed', 'taken' (the
 * batch's stream exists: another pusher), or 'moved' with a transaction whose stream moved (dissociated meanwhile, or a
 * read model behind it; one another pusher pushed already counts as 'taken').
 */
async function pushBatch(
  deps: PushDeps,
  hubId: string,
  batch: readonly Unpushed[],
): Promise<{ readonly outcome: 'pushed' | 'taken' } | { readonly outcome: 'moved'; readonly transactionId: string }> {
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
  try {
    await appendAtomically(deps.store, [
      ...batch.map((t) => ({
        stream: transactionStream(t.id),
        events: [newEvent(pushedEvent(t.id, batchId, now), context)],
        expectedRevision: t.version,
      })),
      // Last: a store that writes stream by stream never sends a batch whose transactions it could not mark.
      { stream: pushStream(batchId), events: [newEvent(pushed!, context)], expectedRevision: 'no_stream' as const },
    ]);
    return { outcome: 'pushed' };
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    const moved = batch.find((t) => transactionStream(t.id) === error.stream);
    if (moved === undefined || (await pushedAlready(deps, moved.id))) return { outcome: 'taken' };
    return { outcome: 'moved', transactionId: moved.id };
  }
}

/** Whether the transaction's stream holds its TransactionPushed: another pusher is ahead of this one's read model. */
async function pushedAlready(deps: PushDeps, transactionId: string): Promise<boolean> {
  const stream = transactionStream(transactionId);
  const { state } = await foldStream(deps.store, transactionDecider, transactionEvents, stream);
  return state.status !== 'none' && state.batchId !== undefined;
}

/**
 * transactionPush for one hub: batches of up to 100 matched, unpushed transactions in event order. Each batch is one
 * write: TransactionPushed on every transaction's stream at its revision, and one TransactionsPushed on the batch's own
 * stream (named by its first transaction) with no_stream. A pusher that finds its batch's stream taken met another
 * pusher (or a read model behind the log) and stops there: what the other pushed is not known to it, and the next
 * tick starts from the read model again (so does one that finds a transaction of its batch pushed already). A
 * transaction whose stream moved otherwise since the read model saw it (a dissociation) is left out of the batch.
 * So no transaction is pushed twice, and none is both dissociated and pushed.
 */
export async function pushHub(deps: PushDeps, hubId: string): Promise<{ batches: number; transactions: number }> {
  let after: string | null = null;
  let batches = 0;
  let transactions = 0;
  const leftOut = new Set<string>();
  while (batches < MAX_BATCHES_PER_RUN && leftOut.size <= MAX_LEFT_OUT) {
    const picked = await deps.unpushed(hubId, after, PUSH_BATCH_SIZE + leftOut.size);
    const batch = picked.filter((t) => !leftOut.has(t.id)).slice(0, PUSH_BATCH_SIZE);
    if (batch.length === 0) break;
    const pushed = await pushBatch(deps, hubId, batch);
    if (pushed.outcome === 'taken') break;
    if (pushed.outcome === 'moved') {
      leftOut.add(pushed.transactionId);
      continue;
    }
    batches++;
    transactions += batch.length;
    // The read model may not show this batch yet: the next one starts after it by position, not by its flag.
    after = batch.at(-1)!.position;
  }
  return { batches, transactions };
}
