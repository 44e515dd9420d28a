import type { Knex } from 'knex';
import {
  cardConnectionEvents,
  connectionEvents,
  type CardConnectionEvent,
  type ConnectionEvent,
} from '../../../domain/hub/connections/events.js';
import { pushEvents, type PushEvent } from '../../../domain/hub/pushes/events.js';
import { transactionEvents, type TransactionEvent } from '../../../domain/hub/transactions/events.js';
import { formatPosition } from '../../../platform/eventstore/position.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { columnsOf } from '../../shared/columns.js';
import { applyByType, changeRow, insertOnce, typesOf, type EventHandlers } from '../../shared/handlers.js';
import { parseEvent } from '../../../domain/shared/events.js';
import { PageWrites } from './page-writes.js';

export const HUB_TRANSACTIONS_PROJECTION = 'hub-transactions';
const TRANSACTIONS = 'rm_hub_transactions';
const SYNCS = 'rm_hub_bank_syncs';

const atStore = (
  d: { transactionId: string; purchaseLocation: { id: string; externalId: string; type: string } },
  at: string,
  event: RecordedEvent,
) => ({
  status: 'matched',
  unmatched_reason: null,
  store_id: d.purchaseLocation.id,
  store_external_id: d.purchaseLocation.externalId,
  store_type: d.purchaseLocation.type,
  match_position: formatPosition(event.position),
  updated_at: at,
});

const offStore = (reason: string | null, at: string) => ({
  status: 'unmatched',
  unmatched_reason: reason,
  store_id: null,
  store_external_id: null,
  store_type: null,
  match_position: null,
  updated_at: at,
});

/** The import's fields a transaction row keeps under their own names, in the row's column order. */
const importedColumns = [
  'hubId',
  'programId',
  'customerId',
  'connectionId',
  'label',
  'amount',
  'currency',
  'purchaseDate',
  'dateBankingStatement',
  'dataProviderType',
] as const;

const importedRow = (d: Imported, event: RecordedEvent) => ({
  id: d.transactionId,
  ...columnsOf(d, importedColumns),
  // A scan transaction's source (flow 4.4) or the claim that made it.
  receipt_id: d.receiptId ?? null,
  claim_id: d.claimId ?? null,
  time_of_purchase: d.timeOfPurchase ?? null,
  status: 'unmatched',
  imported_at: d.importedAt,
  updated_at: d.importedAt,
  version: event.revision.toString(),
});

type Imported = Extract<TransactionEvent, { type: 'TransactionImported' }>['data'];
type Later = Exclude<TransactionEvent, { type: 'TransactionImported' }>;

/** What an event after the import changes in its row. */
function changesOf(e: Later, event: RecordedEvent): Record<string, unknown> {
  switch (e.type) {
    case 'TransactionMatched':
      return atStore(e.data, e.data.matchedAt, event);
    case 'TransactionAssociated':
      return {
        ...atStore(e.data, e.data.associatedAt, event),
        ...(e.data.claimId ? { claim_id: e.data.claimId } : {}),
      };
    case 'TransactionUnmatched':
      return offStore(e.data.reason, e.data.unmatchedAt);
    case 'TransactionDissociated':
      return offStore('noStore', e.data.dissociatedAt);
    // The batch's own event (TransactionsPushed) marks the row: this one only moves its version, which a push expects.
    case 'TransactionPushed':
      return { updated_at: e.data.pushedAt };
  }
}

const later =
  <T extends Later['type']>(type: T) =>
  (trx: Knex.Transaction, d: Extract<Later, { type: T }>['data'], event: RecordedEvent) =>
    changeRow(trx, TRANSACTIONS, { id: d.transactionId }, event, changesOf({ type, data: d } as Later, event));

const transactionHandlers: EventHandlers<TransactionEvent> = {
  TransactionImported: (trx, d, event) => trx(TRANSACTIONS).insert(importedRow(d, event)).onConflict('id').ignore(),
  TransactionMatched: later('TransactionMatched'),
  TransactionAssociated: later('TransactionAssociated'),
  TransactionUnmatched: later('TransactionUnmatched'),
  TransactionDissociated: later('TransactionDissociated'),
  TransactionPushed: later('TransactionPushed'),
};

const pushHandlers: EventHandlers<PushEvent> = {
  // The batch's own stream holds this one event: a replay finds the rows marked already.
  TransactionsPushed: (trx, d) =>
    trx(TRANSACTIONS)
      .whereIn('id', d.transactionIds)
      .whereNull('batch_id')
      .update({ batch_id: d.batchId, pushed_at: d.pushedAt }),
};

/** A live connection's or linked card's sync row, never synced yet. */
const syncRow = (d: { connectionId: string; hubId: string; programId: string }, createdAt: string) => ({
  connection_id: d.connectionId,
  hub_id: d.hubId,
  program_id: d.programId,
  live: true,
  created_at: createdAt,
});

/* A bank connection's and a linked card's sync row change alike: synced, then dead once deleted. */
const syncedRow = (trx: Knex.Transaction, d: { connectionId: string; syncedAt: string }, event: RecordedEvent) =>
  changeRow(trx, SYNCS, { connection_id: d.connectionId }, event, { last_synced_at: d.syncedAt });
const deadRow = (trx: Knex.Transaction, d: { connectionId: string }, event: RecordedEvent) =>
  changeRow(trx, SYNCS, { connection_id: d.connectionId }, event, { live: false });

type SyncEvents = Extract<
  ConnectionEvent,
  { type: 'BankConnectionCreated' | 'BankConnectionSynced' | 'BankConnectionDeleted' }
>;
const syncHandlers: EventHandlers<SyncEvents> = {
  BankConnectionCreated: (trx, d, event) => insertOnce(trx, SYNCS, 'connection_id', event, syncRow(d, d.createdAt)),
  BankConnectionSynced: syncedRow,
  BankConnectionDeleted: deadRow,
};

/** A linked card is synced like a bank connection (its feed at the card-linking provider). */
const cardSyncHandlers: EventHandlers<CardConnectionEvent> = {
  CardConnectionLinked: (trx, d, event) => insertOnce(trx, SYNCS, 'connection_id', event, syncRow(d, d.linkedAt)),
  CardConnectionSynced: syncedRow,
  CardConnectionDeleted: deadRow,
};

const applyTransaction = applyByType(transactionEvents, transactionHandlers);
const applyCardSync = applyByType(cardConnectionEvents, cardSyncHandlers);
const applyPush = applyByType(pushEvents, pushHandlers);
const applySync = applyByType(connectionEvents, syncHandlers);

async function apply(trx: Knex.Transaction, event: RecordedEvent): Promise<void> {
  if (event.type in transactionHandlers) return applyTransaction(trx, event);
  if (event.type in pushHandlers) return applyPush(trx, event);
  if (event.type in cardSyncHandlers) return applyCardSync(trx, event);
  return applySync(trx, event);
}

/** Gathers the event into the page's writes when it can be: false when it must be applied on its own. */
function gather(writes: PageWrites, event: RecordedEvent): boolean {
  const version = event.revision.toString();
  if (event.type in transactionHandlers) {
    const parsed = parseEvent(transactionEvents, event.type, event.data);
    if (!parsed) return true;
    const row = writes.fresh.get(parsed.data.transactionId);
    if (parsed.type === 'TransactionImported')
      writes.fresh.set(parsed.data.transactionId, importedRow(parsed.data, event));
    else if (row) Object.assign(row, changesOf(parsed, event), { version });
    else if (parsed.type === 'TransactionPushed')
      return writes.push(parsed.data.transactionId, { version, at: parsed.data.pushedAt });
    else return false;
    return true;
  }
  const connection =
    parseEvent(connectionEvents, event.type, event.data) ?? parseEvent(cardConnectionEvents, event.type, event.data);
  switch (connection?.type) {
    case 'BankConnectionCreated':
      writes.connect(connection.data.connectionId, { ...syncRow(connection.data, connection.data.createdAt), version });
      return true;
    case 'CardConnectionLinked':
      writes.connect(connection.data.connectionId, { ...syncRow(connection.data, connection.data.linkedAt), version });
      return true;
    case 'BankConnectionSynced':
    case 'CardConnectionSynced':
      writes.sync(connection.data.connectionId, { version, at: connection.data.syncedAt });
      return true;
    default:
      return false;
  }
}

/** Card transactions, their matches and pushes (flow 2), and the bank connections' and linked cards' last syncs. */
export const transactionsProjection: Projection = {
  name: HUB_TRANSACTIONS_PROJECTION,
  // 2: linked cards are synced too (their rows in rm_hub_bank_syncs).
  version: 2,
  eventTypes: typesOf(transactionHandlers, pushHandlers, syncHandlers, cardSyncHandlers),
  tables: [TRANSACTIONS, SYNCS],
  apply,
  /**
   * A page at a time (page-writes.ts): the transactions imported in it go in one INSERT, with what their later events
   * of the page changed (an import and its match are one append, so nearly always together); a push's
   * TransactionPushed events move their rows' versions in one UPDATE; connections started in one INSERT and syncs
   * recorded in one UPDATE. Other events one by one, in order, after what was gathered before them.
   */
  async applyBatch(trx, events) {
    const writes = new PageWrites();
    for (const event of events) {
      if (!gather(writes, event)) {
        await writes.flush(trx);
        await apply(trx, event);
      }
    }
    await writes.flush(trx);
  },
};
