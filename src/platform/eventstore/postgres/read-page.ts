import type pg from 'pg';
import { START, type Position } from '../position.js';
import type { ReadAllOptions } from '../types.js';
import * as sql from './sql.js';

/**
 * One page of the global log behind the read horizon, its filter as a prepared statement of its own shape. A page
 * that is not full has scanned everything below the horizon: it answers the horizon as where the next one starts.
 */
export async function readPage<Row, E extends { position: Position }>(
  pool: pg.Pool,
  options: ReadAllOptions,
  asJsonText: boolean,
  toEvent: (row: Row) => E,
): Promise<{ events: E[]; next: Position; isEnd: boolean; heldBack: boolean }> {
  const from = options.from ?? START;
  const maxCount = options.maxCount ?? 1000;
  const categories = options.filter?.categories;
  const eventTypes = options.filter?.eventTypes;
  const tenantId = options.filter?.tenantId;
  const shape = {
    categories: categories !== undefined,
    eventTypes: eventTypes !== undefined,
    tenantId: tenantId !== undefined,
  };
  const name = `gs_read_all_${Number(shape.categories)}${Number(shape.eventTypes)}${Number(shape.tenantId)}${asJsonText ? 'j' : ''}`;
  const params: unknown[] = [from.commit.toString(), from.prepare.toString(), maxCount];
  if (categories) params.push(categories);
  if (eventTypes) params.push(eventTypes);
  if (tenantId !== undefined) params.push(tenantId);
  const { rows } = await pool.query<{ horizon: string; held_by_ended: boolean; seq: string | null }>({
    name,
    text: sql.readAllSql(shape, asJsonText),
    values: params,
  });
  const events = rows.filter((r) => r.seq !== null).map((r) => toEvent(r as Row));
  const isEnd = events.length < maxCount;
  const last = events.at(-1)?.position ?? from;
  const horizon = BigInt(rows[0]?.horizon ?? '0');
  const next: Position = isEnd && horizon > last.commit ? { commit: horizon, prepare: 0n } : last;
  return { events, next, isEnd, heldBack: isEnd && rows[0]?.held_by_ended === true };
}
