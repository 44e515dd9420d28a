import type { Knex } from 'knex';
import { isUuid } from '../../platform/uuid.js';

/** One page of a read model's rows and how many there are in all. */
export interface Page<T> {
  readonly rows: T[];
  readonly total: number;
}

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/** A program's row of a read model by id: none for another program's, or for an id that is not a uuid. */
export async function findProgramRow<Row>(
  knex: Knex,
  table: string,
  programId: string,
  id: string,
): Promise<Row | undefined> {
  if (!isUuid(id)) return undefined;
  return (await knex(table).where({ program_id: programId, id }).first('*')) as Row | undefined;
}

/** A hub's row of a read model by id: none for another hub's, or for an id that is not a uuid. */
export async function findHubRow<Row>(knex: Knex, table: string, hubId: string, id: string): Promise<Row | undefined> {
  if (!isUuid(id)) return undefined;
  return (await knex(table).where({ hub_id: hubId, id }).first()) as Row | undefined;
}

/** The finder a read model exports for its rows of `table`: findProgramRow bound to the table. */
export const programRowFinder =
  <Row>(table: string) =>
  (knex: Knex, programId: string, id: string) =>
    findProgramRow<Row>(knex, table, programId, id);

/** The finder a hub's read model exports for its rows of `table`: findHubRow bound to the table. */
export const hubRowFinder =
  <Row>(table: string) =>
  (knex: Knex, hubId: string, id: string) =>
    findHubRow<Row>(knex, table, hubId, id);

/** A page of a program's active rows of a catalogue table (categories), by name then id. */
export async function activeByName<Row>(
  knex: Knex,
  table: string,
  programId: string,
  page: PageRequest,
): Promise<Page<Row>> {
  const base = knex(table).where({ program_id: programId, active: true });
  const [count] = await base.clone().count<Array<{ count: string }>>({ count: '*' });
  const rows = await base
    .clone()
    .orderBy([{ column: 'name' }, { column: 'id' }])
    .offset(page.offset)
    .limit(page.limit)
    .select('*');
  return { rows: rows as Row[], total: Number(count?.count ?? 0) };
}

type Order = Parameters<Knex.QueryBuilder['orderBy']>[0];

/** The order of a list that shows the newest rows first (the id breaks ties). */
export const NEWEST_FIRST: Order = [
  { column: 'created_at', order: 'desc' },
  { column: 'id', order: 'desc' },
];

/**
 * One page of a filtered query in `order`, and how many rows the filter matches in all (counted before the page is
 * cut, without the columns the query selects).
 */
export async function pageOf<Row>(base: Knex.QueryBuilder, order: Order, page: PageRequest): Promise<Page<Row>> {
  const [rows, [{ count }]] = (await Promise.all([
    base.clone().orderBy(order).offset(page.offset).limit(page.limit),
    base.clone().clearSelect().count({ count: '*' }),
  ])) as [Row[], [{ count: string }]];
  return { rows, total: Number(count) };
}

/**
 * A page of a program's rows of `table`, newest first, and how many there are: only the rows whose columns equal the
 * filter's values, a value left empty filtering nothing.
 */
export function newestOfProgram<Row>(
  knex: Knex,
  table: string,
  programId: string,
  equal: Readonly<Record<string, string | undefined>>,
  page: PageRequest,
): Promise<Page<Row>> {
  const base = knex(table).where({ program_id: programId });
  for (const [column, value] of Object.entries(equal)) if (value) void base.where({ [column]: value });
  return pageOf<Row>(base, NEWEST_FIRST, page);
}

/**
 * A hub's list query: its rows of `table` that the list's filter narrows (`narrow` adds the filter's where clauses), a
 * page at a time in `order`, and how many match.
 */
export const hubList =
  <Filter, Row>(table: string, order: Order, narrow: (query: Knex.QueryBuilder, filter: Filter) => void) =>
  (knex: Knex, hubId: string, filter: Filter, page: PageRequest): Promise<Page<Row>> =>
    pageOf<Row>(knex(table).where({ hub_id: hubId }).modify(narrow, filter), order, page);
