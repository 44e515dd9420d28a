/**
 * bench:hub part 2's floor: the events the pipeline of `customers × perCustomer` transactions appends, and nothing
 * else — each transaction's stream started with its import and its match (new streams, a thousand a write, six
 * writes at once, as bankSync's importer writes them), then the matched ones pushed (TransactionPushed on each
 * stream at its revision and the batch's own stream, ten batches of a hundred a write). No matching, no read model,
 * no push query, no webhook: what the pipeline could deliver if its appends were all it did.
 */
import { randomUUID } from 'node:crypto';
import { transactionDecider, pushedEvent } from '../../src/domain/hub/transactions/transaction.js';
import { pushDecider } from '../../src/domain/hub/pushes/push.js';
import type { DomainEvent } from '../../src/domain/shared/decider.js';
import { appendAtomically, appendNewStreams } from '../../src/platform/eventstore/index.js';
import type { EventStore, JsonObject, NewEvent, NewStream, StreamWrite } from '../../src/platform/eventstore/types.js';
import { pushBatchIdOf, pushStream, transactionStream } from '../../src/commands/hub/streams.js';

const IMPORTS_PER_WRITE = 1_000;
const IMPORT_WRITES_IN_FLIGHT = 6;
const BATCH = 100;
const BATCHES_PER_WRITE = 10;

const newEvents = (events: readonly DomainEvent[]): NewEvent[] =>
  events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    data: e.data as JsonObject,
    metadata: { tenantId: 'bench', actor: 'bench', schemaVersion: 1 },
  }));

async function inFlight<T>(items: readonly T[], width: number, run: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

/** Seconds to append the pipeline's events for `transactions` transactions, `matchedShare` of them matched. */
export async function eventFloorSeconds(store: EventStore, transactions: number, matchedShare: number) {
  const hubId = randomUUID();
  const now = new Date().toISOString();
  const location = { id: randomUUID(), externalId: 'S000', type: 'store' as const };
  const ids = Array.from({ length: transactions }, () => randomUUID());
  const isMatched = (i: number) => i % 10 < matchedShare * 10;
  const matched = ids.filter((_, i) => isMatched(i));
  const imports: NewStream[] = ids.map((transactionId, i) => ({
    stream: transactionStream(transactionId),
    events: newEvents(
      transactionDecider.decide(
        {
          type: 'ImportTransaction',
          data: {
            transactionId,
            hubId,
            programId: randomUUID(),
            customerId: randomUUID(),
            connectionId: randomUUID(),
            providerTransactionId: `bench-${i}`,
            label: `CB BENCH SHOP ${String(i % 100).padStart(3, '0')} PARIS`,
            amount: -(100 + (i % 9_000)),
            currency: 'EUR',
            purchaseDate: '2026-11-20',
            dateBankingStatement: '2026-11-21',
            dataProviderType: 'bank',
            eligibleFrom: '2026-01-01T00:00:00.000Z',
            outcome: isMatched(i)
              ? { matched: true, purchaseLocation: location, pattern: 'BENCH SHOP' }
              : { matched: false, reason: 'noStore' },
            now,
          },
        },
        transactionDecider.initialState(),
      ),
    ),
  }));
  const startedAt = performance.now();
  const importWrites = Array.from({ length: Math.ceil(imports.length / IMPORTS_PER_WRITE) }, (_, w) =>
    imports.slice(w * IMPORTS_PER_WRITE, (w + 1) * IMPORTS_PER_WRITE),
  );
  await inFlight(importWrites, IMPORT_WRITES_IN_FLIGHT, (writes) => appendNewStreams(store, writes));
  const batches = Array.from({ length: Math.ceil(matched.length / BATCH) }, (_, b) =>
    matched.slice(b * BATCH, (b + 1) * BATCH),
  );
  const pushWrites: StreamWrite[][] = [];
  for (let from = 0; from < batches.length; from += BATCHES_PER_WRITE)
    pushWrites.push(
      batches.slice(from, from + BATCHES_PER_WRITE).flatMap((batch) => {
        const batchId = pushBatchIdOf(hubId, batch[0]!);
        const pushed = pushDecider.decide(
          { type: 'PushTransactions', data: { batchId, hubId, programId: randomUUID(), transactionIds: batch, now } },
          pushDecider.initialState(),
        );
        return [
          ...batch.map((id) => ({
            stream: transactionStream(id),
            events: newEvents([pushedEvent(id, batchId, now)]),
            expectedRevision: 1n,
          })),
          { stream: pushStream(batchId), events: newEvents(pushed), expectedRevision: 'no_stream' as const },
        ];
      }),
    );
  for (const writes of pushWrites) await appendAtomically(store, writes);
  return { seconds: (performance.now() - startedAt) / 1000, matched: matched.length };
}
