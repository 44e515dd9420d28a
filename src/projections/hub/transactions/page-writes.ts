import type { Knex } from 'knex';

const TRANSACTIONS = 'rm_hub_transactions';
const SYNCS = 'rm_hub_bank_syncs';

type Row = Record<string, unknown>;

/** A row's new version and time, for one UPDATE of many rows behind it. */
interface Move {
  readonly version: string;
  readonly at: string;
}

/**
 * What a page of the transactions projection changes, gathered to be written in a few statements instead of one per
 * event: the transactions imported (with what their later events of the page changed), the versions a push moved,
 * the connections started and the syncs recorded. Whatever goes one event at a time flushes these first, so the
 * page's changes still land in log order.
 */
export class PageWrites {
  /** Transactions imported in the page, by id: rows to insert, changed in place by their later events. */
  readonly fresh = new Map<string, Row>();
  /** Transactions a push marked (TransactionPushed): their rows' versions move. */
  private readonly pushed = new Map<string, Move>();
  /** Connections and linked cards started in the page: their sync rows. */
  private readonly connections = new Map<string, Row>();
  /** Connections synced in the page: when, at which version. */
  private readonly synced = new Map<string, Move>();

  push(transactionId: string, move: Move): boolean {
    if (this.pushed.has(transactionId)) return false;
    this.pushed.set(transactionId, move);
    return true;
  }

  connect(connectionId: string, row: Row): void {
    if (!this.connections.has(connectionId)) this.connections.set(connectionId, row);
  }

  sync(connectionId: string, move: Move): void {
    const was = this.synced.get(connectionId);
    if (!was || BigInt(was.version) < BigInt(move.version)) this.synced.set(connectionId, move);
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    await insertNew(trx, TRANSACTIONS, 'id', this.fresh);
    await moveRows(trx, TRANSACTIONS, 'id', this.pushed, 'updated_at');
    await insertNew(trx, SYNCS, 'connection_id', this.connections);
    await moveRows(trx, SYNCS, 'connection_id', this.synced, 'last_synced_at');
    for (const gathered of [this.fresh, this.pushed, this.connections, this.synced]) gathered.clear();
  }
}

/** One INSERT of the rows not there yet (a replay finds them there). */
async function insertNew(trx: Knex.Transaction, table: string, key: string, rows: ReadonlyMap<string, Row>) {
  if (rows.size > 0)
    await trx(table)
      .insert([...rows.values()])
      .onConflict(key)
      .ignore();
}

/** One UPDATE: each row keyed in `moves` behind its new version takes it, and the time into `column`. */
async function moveRows(
  trx: Knex.Transaction,
  table: string,
  key: string,
  moves: ReadonlyMap<string, Move>,
  column: string,
): Promise<void> {
  if (moves.size === 0) return;
  await trx.raw(
    `update ?? t set version = v.version, ?? = v.at
     from unnest(?::uuid[], ?::bigint[], ?::timestamptz[]) as v(id, version, at)
     where t.?? = v.id and t.version < v.version`,
    [
      table,
      column,
      [...moves.keys()],
      [...moves.values()].map((m) => m.version),
      [...moves.values()].map((m) => m.at),
      key,
    ],
  );
}
