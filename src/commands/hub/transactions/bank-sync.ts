import { randomUUID } from 'node:crypto';
import { connectionDecider } from '../../../domain/hub/connections/connection.js';
import { connectionEvents } from '../../../domain/hub/connections/events.js';
import { transactionDecider, type TransactionCommand } from '../../../domain/hub/transactions/transaction.js';
import type { StoreMatcher } from '../../../domain/hub/transactions/matching-rules.js';
import { WrongExpectedRevisionError, type EventStore } from '../../../platform/eventstore/types.js';
import { foldStream } from '../../fold-stream.js';
import { SCHEMA_VERSION, type CommandContext } from '../../shared/command.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { BankDataProvider, ProviderTransaction } from '../banks/bank-data-provider.js';
import { connections, connectionStream } from '../connections/connections.js';
import { transactionIdOf, transactionStream } from '../streams.js';
import type { MatcherOf } from './matchers.js';

export const BANK_SYNC = 'bankSync';
const IMPORTS_AT_ONCE = 8;

export interface BankSyncDeps extends CommandDeps {
  readonly providerFor: (providerCode: string) => BankDataProvider | undefined;
  readonly matcherOf: MatcherOf;
}

export type SyncOutcome =
  | { readonly outcome: 'synced'; readonly imported: number; readonly matched: number }
  | { readonly outcome: 'desynchronized'; readonly errorCode: string }
  | { readonly outcome: 'skipped'; readonly why: string };

type Import = Extract<TransactionCommand, { type: 'ImportTransaction' }>['data'];

/**
 * Appends a provider transaction on its own stream with `no_stream`, its match decided in the same append: a
 * transaction met again (a re-import, a retried sync) finds its stream and appends nothing. No read first: the
 * append's expectation is the check.
 */
async function importOne(store: EventStore, data: Import, context: CommandContext): Promise<'new' | 'known'> {
  const events = transactionDecider.decide({ type: 'ImportTransaction', data }, transactionDecider.initialState());
  const metadata = { tenantId: context.tenantId, actor: context.actor, schemaVersion: SCHEMA_VERSION };
  const causation = context.causationId ? { causationId: context.causationId } : {};
  try {
    await store.append(
      transactionStream(data.transactionId),
      events.map((e) => ({
        id: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { ...metadata, ...causation },
      })),
      { expectedRevision: 'no_stream' },
    );
    return 'new';
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return 'known';
    throw error;
  }
}

/** Live connection facts the import needs, from the connection's stream. */
async function liveConnection(store: EventStore, connectionId: string) {
  const { state } = await foldStream(store, connectionDecider, connectionEvents, connectionStream(connectionId));
  return state.status === 'none' || state.status === 'deleted' ? null : state;
}

/**
 * bankSync for one connection (flow 2): the provider's feed after the connection's cursor, each transaction imported
 * and matched on its own stream, then the new cursor recorded (a good sync after a failing one resynchronises). A
 * refusal of the provider desynchronises the connection instead. Run twice, it imports nothing twice.
 */
export async function syncConnection(deps: BankSyncDeps, connectionId: string): Promise<SyncOutcome> {
  const { store, clock } = deps;
  const connection = await liveConnection(store, connectionId);
  if (connection === null) return { outcome: 'skipped', why: 'no live connection' };
  const { created } = connection;
  const provider = deps.providerFor(created.providerCode);
  if (provider === undefined) return { outcome: 'skipped', why: `no provider ${created.providerCode} here` };
  const context = { tenantId: created.programId, actor: BANK_SYNC, causationId: connectionId };
  const now = clock.now();
  const feed = await provider.fetchTransactions({
    providerConnectionId: connection.providerConnectionId,
    cursor: connection.cursor,
    now,
  });
  if (!feed.ok) {
    const { errorCode, errorMessage } = feed;
    const command = { type: 'Desynchronize' as const, data: { errorCode, errorMessage, now: now.toISOString() } };
    await connections.handle(connectionId, command, { store, context });
    return { outcome: 'desynchronized', errorCode };
  }
  const matcher = await deps.matcherOf(created.hubId);
  let imported = 0;
  let matched = 0;
  // A few appends in flight at once: each is its own stream, so they never wait on each other.
  for (let from = 0; from < feed.transactions.length; from += IMPORTS_AT_ONCE) {
    const chunk = feed.transactions.slice(from, from + IMPORTS_AT_ONCE);
    const data = chunk.map((item) => importData(created, item, matcher, now.toISOString()));
    const outcomes = await Promise.all(data.map((d) => importOne(store, d, context)));
    outcomes.forEach((outcome, i) => {
      if (outcome === 'known') return;
      imported++;
      if (data[i]!.outcome.matched) matched++;
    });
  }
  const record = { type: 'RecordSync' as const, data: { cursor: feed.cursor, imported, now: now.toISOString() } };
  await connections.handle(connectionId, record, { store, context });
  return { outcome: 'synced', imported, matched };
}

type Created = NonNullable<Awaited<ReturnType<typeof liveConnection>>>['created'];

function importData(created: Created, item: ProviderTransaction, matcher: StoreMatcher, now: string): Import {
  const eligibleFrom = created.transactionsEligibleFromDate;
  const { label, amount, purchaseDate } = item;
  return {
    transactionId: transactionIdOf(created.connectionId, item.providerTransactionId),
    hubId: created.hubId,
    programId: created.programId,
    customerId: created.customerId,
    connectionId: created.connectionId,
    providerTransactionId: item.providerTransactionId,
    label,
    amount,
    currency: item.currency,
    purchaseDate,
    dateBankingStatement: item.dateBankingStatement,
    dataProviderType: created.dataProviderType,
    eligibleFrom,
    outcome: matcher.match({ label, amount, purchaseDate, eligibleFrom }),
    now,
  };
}
