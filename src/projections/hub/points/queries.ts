import type { Knex } from 'knex';
import { POINTS } from './projection.js';

export interface PointsEntry {
  readonly id: string;
  readonly value: number;
  readonly operationType: 'earned' | 'spent';
  readonly operationDate: string;
  readonly transactionId: string | null;
  readonly rewardId: string | null;
}

interface EntryRow {
  id: string;
  value: number;
  operation_type: PointsEntry['operationType'];
  operation_date: string;
  transaction_id: string | null;
  reward_id: string | null;
}

const entry = (r: EntryRow): PointsEntry => ({
  id: r.id,
  value: r.value,
  operationType: r.operation_type,
  operationDate: r.operation_date,
  transactionId: r.transaction_id,
  rewardId: r.reward_id,
});

/** The newest `limit` entries of the customer's ledger and the balance of all of them. */
export async function pointsOf(
  knex: Knex,
  customerId: string,
  limit: number,
): Promise<{ balance: number; history: PointsEntry[] }> {
  const [rows, sums] = await Promise.all([
    knex(POINTS).where({ customer_id: customerId }).orderBy('revision', 'desc').limit(limit).select<EntryRow[]>('*'),
    knex(POINTS)
      .where({ customer_id: customerId })
      .select(knex.raw(`coalesce(sum(case when operation_type = 'earned' then value else -value end), 0) as balance`)),
  ]);
  const balance = Number((sums[0] as { balance?: string } | undefined)?.balance ?? 0);
  return { balance, history: rows.map(entry) };
}

/** One entry of the ledger. */
export async function pointsEntry(knex: Knex, entryId: string): Promise<PointsEntry | undefined> {
  const row = (await knex(POINTS).where({ id: entryId }).first()) as EntryRow | undefined;
  return row && entry(row);
}
