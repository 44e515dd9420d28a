import { pushEvents } from '../../../domain/hub/pushes/events.js';
import { pushDecider } from '../../../domain/hub/pushes/push.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import { pushBatchIdOf, pushStream } from '../streams.js';

export const TRANSACTION_PUSH = 'transactionPush';
/** At most this many transactions per customer_transactions (flow 2.4). */
export const PUSH_BATCH_SIZE = 100;
/** A tick pushes at most this many batches of a hub; the next tick goes on. */
const MAX_BATCHES_PER_RUN = 1000;

const pushes = aggregate({ decider: pushDecider, events: pushEvents, stream: pushStream });

export interface Unpushed {
  readonly id: string;
  readonly programId: string;
  /** The match's place in the log, as the read model sorts it. */
  readonly position: string;
}

export interface PushDeps extends CommandDeps {
  /** The hub's next matched, unpushed transactions in event order, after a match position when given. */
  readonly unpushed: (hubId: string, after: string | null, limit: number) => Promise<Unpushed[]>;
}

/**
 * transactionPush for one hub: batches of up to 100 matched, unpushed transactions in event order, each appended as
 * one TransactionsPushed on the batch's own stream (named by its first transaction) with no_stream. A pusher that
 * finds its batch's stream taken met another pusher (or a read model behind the log) and stops there: what the other
 * pushed is not known to it, and the next tick starts from the read model again. So no transaction is pushed twice.
 */
export async function pushHub(deps: PushDeps, hubId: string): Promise<{ batches: number; transactions: number }> {
  let after: string | null = null;
  let batches = 0;
  let transactions = 0;
  while (batches < MAX_BATCHES_PER_RUN) {
    const batch = await deps.unpushed(hubId, after, PUSH_BATCH_SIZE);
    const first = batch[0];
    if (first === undefined) break;
    const batchId = pushBatchIdOf(hubId, first.id);
    const command = {
      type: 'PushTransactions' as const,
      data: {
        batchId,
        hubId,
        programId: first.programId,
        transactionIds: batch.map((t) => t.id),
        now: deps.clock.now().toISOString(),
      },
    };
    const context = { tenantId: first.programId, actor: TRANSACTION_PUSH, causationId: hubId };
    const { events } = await pushes.handle(batchId, command, { store: deps.store, context });
    if (events.length === 0) break;
    batches++;
    transactions += batch.length;
    // The read model may not show this batch yet: the next one starts after it by position, not by its flag.
    after = batch.at(-1)!.position;
  }
  return { batches, transactions };
}
