import type { Knex } from 'knex';

/** A promotion's reservations in a run: their sum, and the revisions of the first and the last. */
export interface RunReservations {
  readonly amount: number;
  readonly minRevision: bigint;
  readonly maxRevision: bigint;
}

/** What the run's statement changed: the orders inserted now, the promotions whose reservations applied now. */
export interface RunWritten {
  readonly inserted: ReadonlySet<string>;
  readonly reserved: ReadonlySet<string>;
}

const NO_ORDERS = `select null::uuid as id, null::uuid as promotion_id, 0::bigint as value, false as spent where false`;
const NO_RESERVATIONS = `select null::uuid as id, 0::bigint as amount, null::bigint as min_revision, null::bigint as max_revision where false`;

/**
 * A run of the fulfillment projection in one statement: the orders' rows inserted (one already there, from a page
 * applied before, is left as it is and not answered), then for every promotion of the run its reservations added to
 * budget_reserved (once: not when the row's version has passed them) and the value of its orders inserted here
 * delivered moved from reserved to spent. The promotion's row as it was before (`o`) says whether the reservations
 * applied. Both tables change in one statement, so a page costs one round trip here instead of two.
 */
export async function writeRun(
  trx: Knex.Transaction,
  orders: ReadonlyArray<Record<string, Knex.Value>>,
  reservations: ReadonlyMap<string, RunReservations>,
): Promise<RunWritten> {
  const insert =
    orders.length === 0
      ? { sql: NO_ORDERS, bindings: [] }
      : trx('rm_fulfillment_orders')
          .insert(orders)
          .onConflict('id')
          .ignore()
          .returning(['id', 'promotion_id', 'value', 'spent'])
          .toSQL();
  const reserved = [...reservations];
  const values =
    reserved.length === 0
      ? NO_RESERVATIONS
      : `select * from (values ${reserved.map(() => '(?::uuid, ?::bigint, ?::bigint, ?::bigint)').join(', ')})
           as v(id, amount, min_revision, max_revision)`;
  const { rows } = await trx.raw<{ rows: Array<{ kind: 'order' | 'promotion'; id: string }> }>(
    `with inserted as (${insert.sql}),
          reservations as (${values}),
          spent as (select promotion_id as id, sum(value)::bigint as spent from inserted where spent group by promotion_id),
          v as (
            select coalesce(r.id, s.id) as id, coalesce(r.amount, 0) as amount, r.min_revision, r.max_revision,
                   coalesce(s.spent, 0) as spent
              from reservations r full join spent s on s.id = r.id
          ),
          budgets as (
            update rm_fulfillment_promotions p
               set budget_reserved = p.budget_reserved - v.spent
                     + case when o.version < v.min_revision then v.amount else 0 end,
                   budget_spent = p.budget_spent + v.spent,
                   version = case when o.version < v.min_revision then v.max_revision else p.version end
              from v join rm_fulfillment_promotions o on o.id = v.id
             where p.id = v.id and (o.version < v.min_revision or v.spent > 0)
            returning p.id, coalesce(o.version < v.min_revision, false) as reserved
          )
     select 'order' as kind, id::text as id from inserted
     union all
     select 'promotion', id::text from budgets where reserved`,
    [
      ...insert.bindings,
      ...reserved.flatMap(([id, r]) => [id, r.amount, r.minRevision.toString(), r.maxRevision.toString()]),
    ],
  );
  const ids = (kind: 'order' | 'promotion') => new Set(rows.filter((r) => r.kind === kind).map((r) => r.id));
  return { inserted: ids('order'), reserved: ids('promotion') };
}
