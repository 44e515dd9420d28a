import type { Knex } from 'knex';
import type { MatchableStore } from '../../../domain/hub/transactions/matching-rules.js';
import { isUuid } from '../../../platform/uuid.js';

/** A transaction with the customer's external id, as customer_transactions and the lists show it. */
export interface TransactionRow {
  readonly id: string;
  readonly hub_id: string;
  readonly program_id: string;
  readonly customer_id: string;
  readonly customer_external_id: string | null;
  readonly label: string;
  readonly amount: string;
  readonly currency: string;
  readonly purchase_date: string;
  readonly date_banking_statement: string;
  readonly data_provider_type: 'bank' | 'restaurant' | 'scan';
  readonly status: 'matched' | 'unmatched';
  readonly unmatched_reason: string | null;
  readonly store_id: string | null;
  readonly store_external_id: string | null;
  readonly store_type: 'store' | 'service' | null;
  readonly batch_id: string | null;
  readonly pushed_at: Date | null;
  readonly imported_at: Date;
}

const TRANSACTIONS = 'rm_hub_transactions as t';

/** Transactions joined to their customer (for the external id). */
export const transactionsQuery = (knex: Knex): Knex.QueryBuilder =>
  knex(TRANSACTIONS).leftJoin('rm_hub_customers as c', 'c.id', 't.customer_id').select('t.*', 'c.customer_external_id');

/** The transactions of `ids`, in that order (a pushed batch's items as they were sent). */
export async function transactionsByIds(knex: Knex, ids: readonly string[]): Promise<TransactionRow[]> {
  const rows = (await transactionsQuery(knex).whereIn('t.id', ids)) as TransactionRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function transactionOfHub(knex: Knex, hubId: string, id: string): Promise<TransactionRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await transactionsQuery(knex).where({ 't.hub_id': hubId, 't.id': id }).first()) as TransactionRow | undefined;
}

/* bankSync */

/** Live connections never synced, or last synced `everyMs` or more before `now`. */
export async function connectionsDue(
  knex: Knex,
  now: Date,
  everyMs: number,
): Promise<{ connectionId: string; lastSyncedAt: string | null }[]> {
  const before = new Date(now.getTime() - everyMs);
  const rows = await knex('rm_hub_bank_syncs')
    .where({ live: true })
    .where((q) => {
      void q.whereNull('last_synced_at').orWhere('last_synced_at', '<=', before);
    })
    .orderBy([{ column: 'last_synced_at', order: 'asc', nulls: 'first' }, { column: 'connection_id' }])
    .limit(1000)
    .select<{ connection_id: string; last_synced_at: Date | null }[]>('connection_id', 'last_synced_at');
  return rows.map((r) => ({ connectionId: r.connection_id, lastSyncedAt: r.last_synced_at?.toISOString() ?? null }));
}

/* The matcher's catalogue */

/** Changes whenever a store of the hub is added, changed, deactivated or reactivated. */
export async function storesStamp(knex: Knex, hubId: string): Promise<string> {
  const [row] = await knex('rm_hub_stores')
    .where({ hub_id: hubId })
    .select<{ n: string; at: Date | null; v: string | null }[]>(
      knex.raw('count(*) as n'),
      knex.raw('max(updated_at) as at'),
      knex.raw('sum(version) as v'),
    );
  return `${row?.n ?? 0}:${row?.at?.toISOString() ?? ''}:${row?.v ?? 0}`;
}

export async function activeMatchableStores(knex: Knex, hubId: string): Promise<MatchableStore[]> {
  const rows = await knex('rm_hub_stores')
    .where({ hub_id: hubId, active: true })
    .select<{ id: string; external_id: string; type: 'store' | 'service'; patterns: string[] }[]>(
      'id',
      'external_id',
      'type',
      'patterns',
    );
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, type: r.type, patterns: r.patterns }));
}

/* transactionPush */

export async function hubsWithUnpushed(knex: Knex): Promise<string[]> {
  const rows = await knex('rm_hub_transactions')
    .where({ status: 'matched' })
    .whereNull('batch_id')
    .distinct<{ hub_id: string }[]>('hub_id');
  return rows.map((r) => r.hub_id);
}

/** The hub's next matched, unpushed transactions in event order, after `after` (a match position) when given. */
export async function unpushed(
  knex: Knex,
  hubId: string,
  after: string | null,
  limit: number,
): Promise<{ id: string; programId: string; position: string; version: bigint }[]> {
  const rows = await knex('rm_hub_transactions')
    .where({ hub_id: hubId, status: 'matched' })
    .whereNull('batch_id')
    // Positions are hex text: '' sorts before every one of them.
    .where('match_position', '>', after ?? '')
    .orderBy('match_position')
    .limit(limit)
    .select<{ id: string; program_id: string; match_position: string; version: string }[]>(
      'id',
      'program_id',
      'match_position',
      'version',
    );
  return rows.map((r) => ({
    id: r.id,
    programId: r.program_id,
    position: r.match_position,
    version: BigInt(r.version),
  }));
}

/** The live bank connections of a hub (every hub without one), for a bankSync run now. */
export async function liveConnectionIds(knex: Knex, hubId: string | undefined): Promise<string[]> {
  return knex('rm_hub_bank_syncs')
    .where(hubId === undefined ? { live: true } : { live: true, hub_id: hubId })
    .orderBy('created_at')
    .pluck<string[]>('connection_id');
}

/** A live bank connection of the hub with its provider's ids (sandbox injection). */
export async function providerConnectionOf(
  knex: Knex,
  hubId: string,
  connectionId: string,
): Promise<{ providerCode: string; providerConnectionId: string } | undefined> {
  const [row] = await knex('rm_hub_connections')
    .where({ hub_id: hubId, id: connectionId })
    .whereNull('deleted_at')
    .select<{ provider_code: string; provider_connection_id: string }[]>('provider_code', 'provider_connection_id');
  return row && { providerCode: row.provider_code, providerConnectionId: row.provider_connection_id };
}
