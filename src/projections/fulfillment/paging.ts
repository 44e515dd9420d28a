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
