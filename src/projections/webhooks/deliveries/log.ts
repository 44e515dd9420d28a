import type { Knex } from 'knex';
import { toDelivery, type Delivery, type DeliveryStatus, type Row } from './rows.js';

export interface DeliveryLogEntry extends Delivery {
  readonly attemptsLog: Array<{
    attemptNumber: number;
    startedAt: Date;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
    responseExcerpt: string | null;
  }>;
}

/** A subscription's deliveries, newest first, each with its attempts. */
export async function listDeliveries(
  knex: Knex,
  subscriptionId: string,
  options: { status?: DeliveryStatus; offset: number; limit: number },
): Promise<{ rows: DeliveryLogEntry[]; total: number }> {
  const base = () => {
    const query = knex<Row>('gs_webhook_deliveries').where({ subscription_id: subscriptionId });
    return options.status ? query.andWhere({ status: options.status }) : query;
  };
  const rows: Row[] = await base().orderBy('sequence', 'desc').offset(options.offset).limit(options.limit);
  const [{ count } = { count: '0' }] = await base().count<{ count: string }[]>('* as count');
  const attempts = await knex('gs_webhook_attempts')
    .whereIn(
      'delivery_id',
      rows.map((r) => r.id),
    )
    .orderBy('attempt_number')
    .select<
      Array<{
        delivery_id: string;
        attempt_number: number;
        started_at: Date;
        status_code: number | null;
        latency_ms: number;
        error: string | null;
        response_excerpt: string | null;
      }>
    >('*');
  return {
    total: Number(count),
    rows: rows.map((row) => ({
      ...toDelivery(row),
      attemptsLog: attempts
        .filter((a) => a.delivery_id === row.id)
        .map((a) => ({
          attemptNumber: a.attempt_number,
          startedAt: a.started_at,
          statusCode: a.status_code,
          latencyMs: a.latency_ms,
          error: a.error,
          responseExcerpt: a.response_excerpt,
        })),
    })),
  };
}
