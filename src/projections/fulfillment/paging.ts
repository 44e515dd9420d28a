import type { Knex } from 'knex';

export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** How many rows a filtered query matches. */
export async function countOf(query: Knex.QueryBuilder): Promise<number> {
  const row = (await query.count('* as count').first()) as { count: string } | undefined;
  return Number(row?.count ?? 0);
}

/** One page of a filtered query, newest first (created_at, then id). */
export function newestFirst<Row>(query: Knex.QueryBuilder, page: Page): Promise<Row[]> {
  return query
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(page.offset)
    .limit(page.limit)
    .select('*') as Promise<Row[]>;
}

/** What a program's orders and its redemptions are both filtered by; from and to bound a period [from, to). */
export interface OrderTrailFilter {
  readonly promotionId?: string | undefined;
  /** The client's order_id. */
  readonly orderId?: string | undefined;
  readonly userId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** The filter's given fields as equalities on their columns, its period on the column `at`. */
export function whereGiven<F extends OrderTrailFilter>(
  query: Knex.QueryBuilder,
  filter: F,
  columns: { readonly [K in Exclude<keyof F, 'from' | 'to'>]-?: string },
  at: string,
): Knex.QueryBuilder {
  for (const [field, column] of Object.entries(columns) as [keyof F, string][]) {
    const value = filter[field];
    if (value) query.where(column, value as Knex.Value);
  }
  if (filter.from) query.where(at, '>=', filter.from);
  if (filter.to) query.where(at, '<', filter.to);
  return query;
}
