import type { Knex } from 'knex';

/** One message a sandbox adapter "sent" (an SMS or an email), as `GET /v1/admin/outbox` lists it. */
export interface OutboxItem {
  readonly id: string;
  readonly channel: 'sms' | 'email';
  readonly to: string;
  readonly subject: string | null;
  readonly text: string;
  readonly status: 'sent' | 'delivered' | 'failed';
  readonly created_at: string;
  readonly attachments: ReadonlyArray<{ filename: string; content_type: string; size: number }>;
  /** The hub whose customer it went to, for the hub's messages. */
  readonly hubId?: string;
}

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
