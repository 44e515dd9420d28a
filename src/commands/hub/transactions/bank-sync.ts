import { randomUUID } from 'node:crypto';
import { connectionDecider } from '../../../domain/hub/connections/connection.js';
import { cardConnectionDecider } from '../../../domain/hub/connections/card.js';
import { cardConnectionEvents, connectionEvents } from '../../../domain/hub/connections/events.js';
import { transactionDecider, type TransactionCommand } from '../../../domain/hub/transactions/transaction.js';
import type { StoreMatcher } from '../../../domain/hub/transactions/matching-rules.js';
import type { Decider, DomainEvent } from '../../../domain/shared/decider.js';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type NewEvent,
} from '../../../platform/eventstore/types.js';
import { foldEvents } from '../../fold-stream.js';
import { SCHEMA_VERSION, type CommandContext } from '../../shared/command.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { BankDataProvider, ProviderTransaction } from '../banks/bank-data-provider.js';
import { cardConnections } from '../connections/cards.js';
import { connections, connectionStream } from '../connections/connections.js';
import type { CardLinking } from '../ports/card-linking.js';
import { transactionIdOf, transactionStream } from '../streams.js';
import { groupedAppends, groupedNewStreams } from './grouped-imports.js';
import type { MatcherOf } from './matchers.js';

export const BANK_SYNC = 'bankSync';
/** Transactions started in one write of the event store. */
const IMPORTS_PER_WRITE = 500;

export interface BankSyncDeps extends CommandDeps {
  readonly providerFor: (providerCode: string) => BankDataProvider | undefined;
  /** The card-linking provider a linked card's feed is read from. */
  readonly cardsFor: (providerCode: string) => CardLinking | undefined;
  readonly matcherOf: MatcherOf;
}

export type SyncOutcome =
  | { readonly outcome: 'synced'; readonly imported: number; readonly matched: number }
  | { readonly outcome: 'desynchronized'; readonly errorCode: string }
  | { readonly outcome: 'skipped'; readonly why: string };

type Import = Extract<TransactionCommand, { type: 'ImportTransaction' }>['data'];

/** Events as appended by bankSync, with its context in their metadata. */
function newEvents(events: readonly DomainEvent[], context: CommandContext): NewEvent[] {
  const metadata = { tenantId: context.tenantId, actor: context.actor, schemaVersion: SCHEMA_VERSION };
  const causation = context.causationId ? { causationId: context.causationId } : {};
  return events.map((e) => ({
    id: randomUUID(),
    type: e.type,
    data: e.data as JsonObject,
    metadata: { ...metadata, ...causation },
  }));
}

/**
 * The syncs running at once in this process write their new transactions together: while writes are under way
 * the next ones wait and go as one (group commit), so a thousand connections synced at once cost tens of writes,
 * not a thousand. Six at once: one write inserts a few thousand events a second, the database several times that.
 */
const importer = groupedNewStreams({ inFlight: 6, maxStreams: 1000 });
/** The cursors recorded by the syncs running at once, written together likewise. */
const recorder = groupedAppends({ inFlight: 2, maxStreams: 500 });

/**
 * Starts each provider transaction's own stream, its match decided in the same events, all of a feed's new ones in one
 * write (as appends with `no_stream`): a transaction met again (a re-import, a retried sync) finds its stream and
 * appends nothing. No read first: the write's no_stream expectation is the check. Resolves to the ids written.
 */
async function importAll(store: EventStore, all: readonly Import[], context: CommandContext): Promise<Set<string>> {
  const imported = new Set<string>();
  for (let from = 0; from < all.length; from += IMPORTS_PER_WRITE) {
    const writes = all.slice(from, from + IMPORTS_PER_WRITE).map((data) => ({
      stream: transactionStream(data.transactionId),
      events: newEvents(
        transactionDecider.decide({ type: 'ImportTransaction', data }, transactionDecider.initialState()),
        context,
      ),
    }));
    const written = await importer.write(store, writes);
    for (const data of all.slice(from, from + IMPORTS_PER_WRITE))
      if (written.has(transactionStream(data.transactionId))) imported.add(data.transactionId);
  }
  return imported;
}

/** What an import takes from its connection (a bank connection's or a linked card's first event). */
interface Source {
  readonly connectionId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly customerId: string;
  readonly providerCode: string;
  readonly dataProviderType: Import['dataProviderType'];
  readonly transactionsEligibleFromDate: string;
}

type Feed = Awaited<ReturnType<BankDataProvider['fetchTransactions']>>;

/** A live connection to sync: its source, its feed from its provider, and how to record a sync or a refusal. */
interface Live {
  readonly source: Source;
  readonly fetch: (now: Date) => Promise<Feed> | undefined;
  readonly record: (cursor: string, imported: number, now: string, context: CommandContext) => Promise<unknown>;
  readonly desynchronize: (
    refusal: Extract<Feed, { ok: false }>,
    now: string,
    context: CommandContext,
  ) => Promise<unknown>;
}

/**
 * Decides `command` on the state just read and appends it at that version: no second read of the stream. A writer in
 * between (a deletion, a re-authorisation) makes the command go through its aggregate instead, on a fresh read.
 */
async function appendOnRead<State, Command, Event extends DomainEvent>(
  on: { store: EventStore; stream: string; decider: Decider<State, Command, Event> },
  read: { state: State; version: bigint | undefined },
  command: Command,
  context: CommandContext,
  afresh: () => Promise<unknown>,
): Promise<unknown> {
  const events = on.decider.decide(command, read.state);
  if (events.length === 0) return undefined;
  try {
    const expectedRevision = read.version ?? ('no_stream' as const);
    return await recorder(on.store, { stream: on.stream, events: newEvents(events, context), expectedRevision });
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return afresh();
    throw error;
  }
}

/** The connection's stream read once: a bank connection or a linked card, live, or null. */
async function liveConnection(deps: BankSyncDeps, connectionId: string): Promise<Live | null> {
  const { store } = deps;
  const stream = connectionStream(connectionId);
  const recorded = await store.readStream(stream);
  if (recorded[0]?.type === 'CardConnectionLinked') {
    const read = foldEvents(
      cardConnectionDecider,
      cardConnectionEvents,
      cardConnectionDecider.initialState(),
      recorded,
    );
    const { state } = read;
    if (state.status !== 'linked') return null;
    const { linked, cursor } = state;
    const cards = deps.cardsFor(linked.providerCode);
    return {
      source: { ...linked, dataProviderType: 'bank' },
      fetch: (now) =>
        cards
          ?.fetchTransactions({ providerCardId: linked.providerCardId, cursor, now })
          .then((feed): Feed =>
            feed.ok
              ? feed
              : { ok: false, errorCode: 'psd2ConnectionInvalid', errorMessage: `card refused: ${feed.errorCode}` },
          ),
      record: (next, imported, now, context) => {
        const command = { type: 'RecordCardSync' as const, data: { cursor: next, imported, now } };
        return appendOnRead({ store, stream, decider: cardConnectionDecider }, read, command, context, () =>
          cardConnections.handle(connectionId, command, { store, context }),
        );
      },
      // A card has no consent to renew: a refusal is tried again at the next sync.
      desynchronize: () => Promise.resolve(),
    };
  }
  const read = foldEvents(connectionDecider, connectionEvents, connectionDecider.initialState(), recorded);
  const { state } = read;
  if (state.status === 'none' || state.status === 'deleted') return null;
  const provider = deps.providerFor(state.created.providerCode);
  return {
    source: state.created,
    fetch: (now) =>
      provider?.fetchTransactions({ providerConnectionId: state.providerConnectionId, cursor: state.cursor, now }),
    record: (cursor, imported, now, context) => {
      const command = { type: 'RecordSync' as const, data: { cursor, imported, now } };
      return appendOnRead({ store, stream, decider: connectionDecider }, read, command, context, () =>
        connections.handle(connectionId, command, { store, context }),
      );
    },
    desynchronize: ({ errorCode, errorMessage }, now, context) =>
      connections.handle(
        connectionId,
        { type: 'Desynchronize', data: { errorCode, errorMessage, now } },
        { store, context },
      ),
  };
}

/**
 * bankSync for one connection (flow 2), a bank connection or a linked card: the provider's feed after the
 * connection's cursor, each transaction imported and matched on its own stream, then the new cursor recorded (a good
 * sync after a failing one resynchronises). A refusal of the provider desynchronises a bank connection instead. Run
 * twice, it imports nothing twice.
 */
export async function syncConnection(deps: BankSyncDeps, connectionId: string): Promise<SyncOutcome> {
  const { store, clock } = deps;
  const connection = await liveConnection(deps, connectionId);
  if (connection === null) return { outcome: 'skipped', why: 'no live connection' };
  const { source } = connection;
  const context = { tenantId: source.programId, actor: BANK_SYNC, causationId: connectionId };
  const now = clock.now();
  const fetching = connection.fetch(now);
  if (fetching === undefined) return { outcome: 'skipped', why: `no provider ${source.providerCode} here` };
  // The hub's matcher is looked up while the provider answers.
  const [feed, matcher] = await Promise.all([fetching, deps.matcherOf(source.hubId)]);
  if (!feed.ok) {
    await connection.desynchronize(feed, now.toISOString(), context);
    return { outcome: 'desynchronized', errorCode: feed.errorCode };
  }
  const data = feed.transactions.map((item) => importData(source, item, matcher, now.toISOString()));
  const written = await importAll(store, data, context);
  const imported = written.size;
  const matched = data.filter((d) => d.outcome.matched && written.has(d.transactionId)).length;
  await connection.record(feed.cursor, imported, now.toISOString(), context);
  return { outcome: 'synced', imported, matched };
}

function importData(created: Source, item: ProviderTransaction, matcher: StoreMatcher, now: string): Import {
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
