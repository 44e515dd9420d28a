import type { Knex } from 'knex';
import type { OutboxItem } from '../../platform/outbox.js';

export type { OutboxItem };

/** A context's sandbox messages, to one recipient when asked: the newest `limit` of them, and how many there are. */
export interface OutboxSource {
  list(
    knex: Knex,
    filter: { readonly to?: string | undefined },
    limit: number,
  ): Promise<{ rows: readonly OutboxItem[]; total: number }>;
}

const newestFirst = (a: OutboxItem, b: OutboxItem): number =>
  b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

/** One page of every source's messages, newest first: each gives its newest up to the page's end, merged and cut. */
export async function outboxPage(
  knex: Knex,
  sources: readonly OutboxSource[],
  filter: { readonly to?: string | undefined },
  page: { readonly offset: number; readonly per_page: number },
): Promise<{ rows: OutboxItem[]; total: number }> {
  const lists = await Promise.all(sources.map((source) => source.list(knex, filter, page.offset + page.per_page)));
  const rows = lists
    .flatMap((list) => list.rows)
    .sort(newestFirst)
    .slice(page.offset, page.offset + page.per_page);
  return { rows, total: lists.reduce((sum, list) => sum + list.total, 0) };
}
