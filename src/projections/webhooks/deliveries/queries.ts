import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { batchedByTurn } from '../../../platform/batched-by-turn.js';
import { DELIVERY_COLUMNS, toDelivery, type Delivery, type Row } from './rows.js';

export interface NewDelivery {
  readonly programId: string;
  readonly subscriptionId: string;
  readonly eventName: string;
  /** The domain event it comes from; null for a test-fire or a hand-made redelivery. */
  readonly sourceEventId: string | null;
  readonly body: string;
}

export async function findDelivery(knex: Knex, id: string): Promise<Delivery | undefined> {
  const row = await knex<Row>('gs_webhook_deliveries').where({ id }).first();
  return row && toDelivery(row);
}

export async function pendingForEvents(knex: Knex, eventIds: readonly string[]): Promise<Delivery[]> {
  if (eventIds.length === 0) return [];
  const rows = await knex<Row>('gs_webhook_deliveries')
    .whereIn('source_event_id', eventIds)
    .andWhere({ status: 'pending' })
    .orderBy('sequence');
  return rows.map(toDelivery);
}

/**
 * Where a page of pending deliveries ended: the time as PostgreSQL wrote it (microseconds, which a Date would cut) and
 * the id.
 */
export interface PendingCursor {
  readonly at: string;
  readonly id: string;
}

/**
 * One page of the pending deliveries due before `dueBefore`, in (next_attempt_at, id)
 * order after `after`: what the reconciler checks against the queue, page by page.
 */
export async function pendingDuePage(
  knex: Knex,
  dueBefore: Date,
  after: PendingCursor | undefined,
  limit: number,
): Promise<{ deliveries: Delivery[]; next: PendingCursor | undefined }> {
  let query = knex<Row>('gs_webhook_deliveries')
    .where({ status: 'pending' })
    .andWhere('next_attempt_at', '<=', dueBefore);
  if (after) query = query.andWhereRaw('(next_attempt_at, id) > (?::timestamptz, ?::uuid)', [after.at, after.id]);
  const rows = await query
    .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
    .limit(limit)
    .select<Array<Row & { cursor_at: string }>>(...DELIVERY_COLUMNS, knex.raw('next_attempt_at::text as cursor_at'));
  const last = rows.at(-1);
  return {
    deliveries: rows.map(toDelivery),
    next: rows.length === limit && last ? { at: last.cursor_at, id: last.id } : undefined,
  };
}

/** The deliveries among `ids` still pending, by id: the reconciler's second look, after the queue's. */
export async function stillPending(knex: Knex, ids: readonly string[]): Promise<Map<string, Delivery>> {
  if (ids.length === 0) return new Map();
  const rows = await knex<Row>('gs_webhook_deliveries')
    .whereRaw('id = any(?::uuid[])', [[...ids]])
    .andWhere({ status: 'pending' })
    .select(...DELIVERY_COLUMNS);
  return new Map(rows.map((row) => [row.id, toDelivery(row)]));
}

/** A failed delivery sent again: back to pending, its attempts counted on from where they were. */
export async function reopenDelivery(knex: Knex, id: string): Promise<boolean> {
  const updated = await knex('gs_webhook_deliveries')
    .where({ id })
    .whereIn('status', ['failed', 'delivered'])
    .update({ status: 'pending', round_attempts: 0, next_attempt_at: knex.fn.now() });
  return updated > 0;
}

/** Every failed delivery of a subscription since a time, back to pending: the ones to enqueue again. */
export async function reopenFailedSince(knex: Knex, subscriptionId: string, since: Date): Promise<Delivery[]> {
  const rows = await knex<Row>('gs_webhook_deliveries')
    .where({ subscription_id: subscriptionId, status: 'failed' })
    .andWhere('created_at', '>=', since)
    .update({ status: 'pending', round_attempts: 0, next_attempt_at: knex.fn.now() })
    .returning('*');
  return rows.map(toDelivery);
}

export interface DeliveryTarget {
  readonly url: string;
  readonly active: boolean;
  readonly secretCiphertext: string;
}

type PendingWithTarget = { delivery: Delivery; target: DeliveryTarget | undefined };

/** Pending deliveries with where they go, by id, in one prepared statement. */
async function findPendingWithTargets(knex: Knex, ids: readonly string[]): Promise<Map<string, PendingWithTarget>> {
  const rows = await knex<Row>('gs_webhook_deliveries as d')
    .leftJoin('rm_webhook_subscriptions as s', function joinLive() {
      this.on('s.id', '=', 'd.subscription_id')
        .andOn('s.program_id', '=', 'd.program_id')
        .andOnVal('s.deleted', '=', false);
    })
    .whereRaw('d.id = any(?::uuid[])', [[...ids]])
    .andWhere({ 'd.status': 'pending' })
    // Prepared once per connection: planning the join cost more than running it.
    .options({ name: 'gs_deliveries_with_target' })
    .select<Array<Row & { target_url: string | null; target_active: boolean | null; target_secret: string | null }>>(
      ...DELIVERY_COLUMNS.map((c) => `d.${c}`),
      { target_url: 's.url' },
      { target_active: 's.active' },
      { target_secret: 's.secret_ciphertext' },
    );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        delivery: toDelivery(row),
        target:
          row.target_url === null
            ? undefined
            : { url: row.target_url, active: row.target_active === true, secretCiphertext: row.target_secret ?? '' },
      },
    ]),
  );
}

/**
 * The worker's hot path: the pending delivery and where it goes. The jobs that
 * start within one turn of the event loop share one statement.
 */
export function pendingWithTargetReader(knex: Knex): (id: string) => Promise<PendingWithTarget | undefined> {
  return batchedByTurn(async (ids: readonly string[]) => {
    const found = await findPendingWithTargets(knex, [...new Set(ids)]);
    return ids.map((id) => found.get(id));
  });
}

/**
 * Records deliveries in the caller's transaction, numbered per subscription in
 * the order given: one look for those that exist already (a replayed event is
 * recorded once), one sequence reservation per subscription, one insert.
 * Answers the deliveries it added.
 */
export async function recordDeliveries(trx: Knex.Transaction, deliveries: readonly NewDelivery[]): Promise<Delivery[]> {
  const sources = [...new Set(deliveries.map((d) => d.sourceEventId).filter((id): id is string => id !== null))];
  const existing = new Set(
    sources.length === 0
      ? []
      : (
          await trx('gs_webhook_deliveries')
            .whereIn('source_event_id', sources)
            .select<Array<{ subscription_id: string; source_event_id: string; event_name: string }>>(
              'subscription_id',
              'source_event_id',
              'event_name',
            )
        ).map((r) => `${r.subscription_id}\n${r.source_event_id}\n${r.event_name}`),
  );
  const fresh = deliveries.filter(
    (d) => !d.sourceEventId || !existing.has(`${d.subscriptionId}\n${d.sourceEventId}\n${d.eventName}`),
  );
  if (fresh.length === 0) return [];
  const counts = new Map<string, number>();
  for (const d of fresh) counts.set(d.subscriptionId, (counts.get(d.subscriptionId) ?? 0) + 1);
  const next = new Map<string, number>();
  for (const [subscriptionId, count] of counts) {
    const [{ last_sequence: last } = { last_sequence: String(count) }] = await trx('gs_webhook_sequences')
      .insert({ subscription_id: subscriptionId, last_sequence: count })
      .onConflict('subscription_id')
      .merge({ last_sequence: trx.raw('gs_webhook_sequences.last_sequence + ?', [count]) })
      .returning<{ last_sequence: string }[]>('last_sequence');
    next.set(subscriptionId, Number(last) - count + 1);
  }
  const rows = fresh.map((d) => {
    const sequence = next.get(d.subscriptionId)!;
    next.set(d.subscriptionId, sequence + 1);
    return {
      id: randomUUID(),
      program_id: d.programId,
      subscription_id: d.subscriptionId,
      sequence,
      event_name: d.eventName,
      source_event_id: d.sourceEventId,
      body: d.body,
      status: 'pending',
    };
  });
  const added: Delivery[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    added.push(
      ...(
        await trx('gs_webhook_deliveries')
          .insert(rows.slice(i, i + 500))
          .returning<Row[]>('*')
      ).map(toDelivery),
    );
  }
  return added;
}
