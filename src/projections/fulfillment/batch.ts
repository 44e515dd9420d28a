import type { Knex } from 'knex';
import { orderEvents } from '../../domain/fulfillment/orders/events.js';
import { promotionEvents } from '../../domain/fulfillment/promotions/events.js';
import { parseEvent } from '../../domain/shared/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { placedRow } from './orders/apply.js';
import { writeRun } from './run-statement.js';

/*
 * A page of the log applied in a few statements instead of several per event: placing an order appends a budget
 * reservation, OrderPlaced, and for a `none` order its codes and delivery, each of which was one or two statements.
 * The page is cut into runs of those events (reservations, and orders placed in the run with what follows them there);
 * any other event ends the run, which is written first, and is applied alone, so the log's order still holds between
 * them. Inside a run the changes commute: budget counters only add up, and each order's row is folded in memory.
 * A row that is already there (a page applied twice) sends its events down the one-by-one path, which checks versions.
 */

type Row = Record<string, Knex.Value>;

interface ReservationRow {
  readonly order_id: string;
  readonly promotion_id: string;
  readonly program_id: string | null;
  readonly sku: string | null;
  readonly reserved_at: Date;
}

interface PlacedInRun {
  readonly id: string;
  /** Folded in memory: a delivered order's row is inserted spent, its value moved to spent by writeRun. */
  readonly row: Row;
  readonly events: RecordedEvent[];
}

interface Reserved {
  amount: number;
  readonly minRevision: bigint;
  maxRevision: bigint;
  readonly events: RecordedEvent[];
  readonly rows: ReservationRow[];
}

class Run {
  readonly reserved = new Map<string, Reserved>();
  readonly placed = new Map<string, PlacedInRun>();

  constructor(private readonly trx: Knex.Transaction) {}

  /** Takes the event into the run, or answers false: it is applied alone. */
  take(event: RecordedEvent): boolean {
    const promotion = parseEvent(promotionEvents, event.type, event.data);
    if (promotion?.type === 'PromotionBudgetReserved') {
      const { promotionId, orderId, amount, sku } = promotion.data;
      const row: ReservationRow = {
        order_id: orderId,
        promotion_id: promotionId,
        program_id: event.metadata.tenantId ?? null,
        sku: sku ?? null,
        reserved_at: event.createdAt,
      };
      const held = this.reserved.get(promotionId);
      if (held) Object.assign(held, { amount: held.amount + amount, maxRevision: event.revision });
      else
        this.reserved.set(promotionId, {
          amount,
          minRevision: event.revision,
          maxRevision: event.revision,
          events: [],
          rows: [],
        });
      this.reserved.get(promotionId)!.events.push(event);
      this.reserved.get(promotionId)!.rows.push(row);
      return true;
    }
    const order = parseEvent(orderEvents, event.type, event.data);
    if (!order) return false;
    if (order.type === 'OrderPlaced') {
      const d = order.data;
      if (this.placed.has(d.orderId)) return false;
      const row = placedRow(this.trx, d, event);
      this.placed.set(d.orderId, { id: d.orderId, row, events: [event] });
      return true;
    }
    const placed = this.placed.get(order.data.orderId);
    if (!placed) return false;
    const { row } = placed;
    const mailed = row.mail_send !== null;
    const version = event.revision.toString();
    switch (order.type) {
      case 'OrderCodeIssued':
        Object.assign(row, { codes_sealed: order.data.codesSealed, updated_at: order.data.issuedAt, version });
        break;
      case 'OrderDelivered': {
        const at = order.data.deliveredAt;
        const delivery = { delivery_status: mailed ? 'sent' : null, mail_retry_at: null };
        Object.assign(row, {
          status: 'delivered',
          delivered_at: at,
          updated_at: at,
          spent: true,
          version,
          ...delivery,
        });
        break;
      }
      case 'OrderFailed': {
        const { reason, failedAt } = order.data;
        const delivery = { delivery_status: mailed ? 'failed' : null, mail_retry_at: null };
        Object.assign(row, { status: 'failed', failure_reason: reason, updated_at: failedAt, version, ...delivery });
        break;
      }
      default:
        return false;
    }
    placed.events.push(event);
    return true;
  }

  get empty(): boolean {
    return this.reserved.size === 0 && this.placed.size === 0;
  }

  /** Writes the run; answers the events to apply one by one (their rows were there already). */
  async write(): Promise<RecordedEvent[]> {
    const placed = [...this.placed.values()];
    const { inserted: fresh, reserved } = await writeRun(
      this.trx,
      placed.map((p) => p.row),
      this.reserved,
    );
    await this.keepReservations(reserved, fresh);
    const alone = [
      ...[...this.reserved].flatMap(([id, r]) => (reserved.has(id) ? [] : r.events)),
      ...placed.flatMap((p) => (fresh.has(p.id) ? [] : p.events)),
    ];
    this.reserved.clear();
    this.placed.clear();
    return alone;
  }

  /**
   * The reconciler's rows: a reservation whose order is not in the run waits for it (a row), an order placed in the
   * run whose reservation came in an earlier page takes its row away.
   */
  private async keepReservations(reserved: ReadonlySet<string>, fresh: ReadonlySet<string>): Promise<void> {
    const held = [...this.reserved].flatMap(([id, r]) => (reserved.has(id) ? r.rows : []));
    const rows = held.filter((r) => !this.placed.has(r.order_id));
    if (rows.length > 0) await this.trx('rm_fulfillment_reservations').insert(rows).onConflict('order_id').ignore();
    const reservedHere = new Set([...this.reserved.values()].flatMap((r) => r.rows.map((row) => row.order_id)));
    const orphans = [...this.placed.keys()].filter((id) => fresh.has(id) && !reservedHere.has(id));
    if (orphans.length > 0) await this.trx('rm_fulfillment_reservations').whereIn('order_id', orphans).delete();
  }
}

/** Applies a page of fulfillment's events, runs of them at once; `alone` applies one event as the log has it. */
export async function applyInRuns(
  trx: Knex.Transaction,
  events: readonly RecordedEvent[],
  alone: (event: RecordedEvent) => Promise<void>,
): Promise<void> {
  const run = new Run(trx);
  const flush = async () => {
    if (run.empty) return;
    for (const event of await run.write()) await alone(event);
  };
  for (const event of events) {
    if (run.take(event)) continue;
    await flush();
    await alone(event);
  }
  await flush();
}
