import type { Knex } from 'knex';
import type { OrderRow } from './queries.js';

interface Lookup {
  readonly programId: string;
  readonly id: string;
  readonly resolve: (row: OrderRow | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/** Orders read in one statement at most: a wave of eight clients' requests, with room for bursts. */
const MAX_IDS = 256;

/** One program's order by id, as findOrder answers it, read with the other lookups asked meanwhile. */
export type OrderLookups = (programId: string, id: string) => Promise<OrderRow | undefined>;

/**
 * findOrder for the requests that arrive together (each new order is first looked up in the read model, for a replay):
 * the lookups asked while a read is under way wait for it to end and are read together in the next one, so a wave of
 * requests costs one or two statements instead of one each. Each read starts after its lookups were asked, so none is
 * answered from a read older than its request. Another program's order is not found.
 */
export function orderLookups(knex: Knex): OrderLookups {
  const waiting: Lookup[] = [];
  let reading = false;

  async function readAll(): Promise<void> {
    reading = true;
    while (waiting.length > 0) {
      const lookups = waiting.splice(0, MAX_IDS);
      try {
        const ids = [...new Set(lookups.map((l) => l.id))];
        const rows = await knex('rm_fulfillment_orders').whereIn('id', ids).select<OrderRow[]>('*');
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const { programId, id, resolve } of lookups) {
          const row = byId.get(id.toLowerCase());
          resolve(row?.program_id === programId.toLowerCase() ? row : undefined);
        }
      } catch (error) {
        for (const lookup of lookups) lookup.reject(error);
      }
    }
    reading = false;
  }

  return (programId, id) =>
    new Promise((resolve, reject) => {
      waiting.push({ programId, id, resolve, reject });
      // The first lookup of a quiet spell is read after the requests parsed in the same turn of the event loop.
      if (!reading && waiting.length === 1) setImmediate(() => void readAll());
    });
}
