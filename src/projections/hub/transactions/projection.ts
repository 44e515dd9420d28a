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
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';
import { parseEvent } from '../../../domain/shared/events.js';

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

const importedRow = (d: Imported, event: RecordedEvent) => ({
  id: d.transactionId,
  hub_id: d.hubId,
  program_id: d.programId,
  customer_id: d.customerId,
  connection_id: d.connectionId,
  label: d.label,
  amount: d.amount,
  currency: d.currency,
  purchase_date: d.purchaseDate,
  date_banking_statement: d.dateBankingStatement,
  data_provider_type: d.dataProviderType,
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

type SyncEvents = Extract<
  ConnectionEvent,
  { type: 'BankConnectionCreated' | 'BankConnectionSynced' | 'BankConnectionDeleted' }
>;
const syncHandlers: EventHandlers<SyncEvents> = {
  BankConnectionCreated: (trx, d, event) =>
    insertOnce(trx, SYNCS, 'connection_id', event, {
      connection_id: d.connectionId,
      hub_id: d.hubId,
      program_id: d.programId,
      live: true,
      created_at: d.createdAt,
    }),
  BankConnectionSynced: (trx, d, event) =>
    changeRow(trx, SYNCS, { connection_id: d.connectionId }, event, { last_synced_at: d.syncedAt }),
  BankConnectionDeleted: (trx, d, event) =>
    changeRow(trx, SYNCS, { connection_id: d.connectionId }, event, { live: false }),
};

/** A linked card is synced like a bank connection (its feed at the card-linking provider). */
const cardSyncHandlers: EventHandlers<CardConnectionEvent> = {
  CardConnectionLinked: (trx, d, event) =>
    insertOnce(trx, SYNCS, 'connection_id', event, {
      connection_id: d.connectionId,
      hub_id: d.hubId,
      program_id: d.programId,
      live: true,
      created_at: d.linkedAt,
    }),
  CardConnectionSynced: (trx, d, event) =>
    changeRow(trx, SYNCS, { connection_id: d.connectionId }, event, { last_synced_at: d.syncedAt }),
  CardConnectionDeleted: (trx, d, event) =>
    changeRow(trx, SYNCS, { connection_id: d.connectionId }, event, { live: false }),
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

/** Card transactions, their matches and pushes (flow 2), and the bank connections' and linked cards' last syncs. */
export const transactionsProjection: Projection = {
  name: HUB_TRANSACTIONS_PROJECTION,
  // 2: linked cards are synced too (their rows in rm_hub_bank_syncs).
  version: 2,
  eventTypes: [
    ...Object.keys(transactionHandlers),
    ...Object.keys(pushHandlers),
    ...Object.keys(syncHandlers),
    ...Object.keys(cardSyncHandlers),
  ],
  tables: [TRANSACTIONS, SYNCS],
  apply,
  /**
   * A page at a time: the transactions imported in it go in one INSERT, with what their later events of the page
   * changed (an import and its match are one append, so nearly always together); other events one by one, in order.
   */
  async applyBatch(trx, events) {
    const fresh = new Map<string, Record<string, unknown>>();
    // A push's TransactionPushed events (a hundred in a row) move their rows' versions in one UPDATE.
    const pushed = new Map<string, { version: string; at: string }>();
    const flush = async () => {
      if (fresh.size > 0)
        await trx(TRANSACTIONS)
          .insert([...fresh.values()])
          .onConflict('id')
          .ignore();
      fresh.clear();
      if (pushed.size > 0)
        await trx.raw(
          `update ${TRANSACTIONS} t set version = v.version, updated_at = v.at
           from unnest(?::uuid[], ?::bigint[], ?::timestamptz[]) as v(id, version, at)
           where t.id = v.id and t.version < v.version`,
          [[...pushed.keys()], [...pushed.values()].map((p) => p.version), [...pushed.values()].map((p) => p.at)],
        );
      pushed.clear();
    };
    for (const event of events) {
      const parsed =
        event.type in transactionHandlers ? parseEvent(transactionEvents, event.type, event.data) : undefined;
      const row = parsed && fresh.get(parsed.data.transactionId);
      if (parsed?.type === 'TransactionImported') fresh.set(parsed.data.transactionId, importedRow(parsed.data, event));
      else if (parsed && row) Object.assign(row, changesOf(parsed, event), { version: event.revision.toString() });
      else if (parsed?.type === 'TransactionPushed' && !pushed.has(parsed.data.transactionId))
        pushed.set(parsed.data.transactionId, { version: event.revision.toString(), at: parsed.data.pushedAt });
      else {
        await flush();
        await apply(trx, event);
      }
    }
    await flush();
  },
};
