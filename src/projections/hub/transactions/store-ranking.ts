import type { Knex } from 'knex';

export interface RankedStore {
  readonly id: string;
  readonly external_id: string;
  readonly name: string;
  readonly brand_id: string | null;
}

/** The hub's active stores, most frequented first (matched transactions), then by externalId. */
export async function storesByFrequency(knex: Knex, hubId: string): Promise<RankedStore[]> {
  return knex('rm_hub_stores as s')
    .leftJoin('rm_hub_transactions as t', function () {
      this.on('t.store_id', '=', 's.id').andOnVal('t.status', '=', 'matched');
    })
    .where({ 's.hub_id': hubId, 's.active': true })
    .groupBy('s.id', 's.external_id', 's.name', 's.brand_id')
    .orderBy([{ column: 'n', order: 'desc' }, { column: 's.external_id' }])
    .select<RankedStore[]>('s.id', 's.external_id', 's.name', 's.brand_id', knex.raw('count(t.id) as n'));
}
