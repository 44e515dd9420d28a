import type { Response } from 'express';
import { sendList } from '../conventions/envelope.js';
import { parseListQuery } from '../conventions/pagination.js';

/** One page of a read model, as its queries answer it. */
export interface RowsPage<Row> {
  readonly rows: readonly Row[];
  readonly total: number;
}

/** A list route's answer: reads `page`/`per_page` from the query, loads that page and sends its rows presented. */
export async function sendPage<Row>(
  res: Response,
  query: unknown,
  load: (page: { offset: number; limit: number }) => Promise<RowsPage<Row>>,
  present: (row: Row) => unknown,
): Promise<void> {
  const list = parseListQuery(query);
  const page = await load({ offset: list.offset, limit: list.per_page });
  sendList(res, page.rows.map(present), { page: list.page, per_page: list.per_page, total: page.total });
}
