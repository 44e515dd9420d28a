export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  readonly id: string;
  readonly programId: string;
  readonly subscriptionId: string;
  readonly sequence: number;
  readonly eventName: string;
  readonly sourceEventId: string | null;
  /** The exact bytes sent, signed as they are. */
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** Tries used in the current round: 0 again after a redelivery. */
  readonly roundAttempts: number;
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
}

export interface Row {
  id: string;
  program_id: string;
  subscription_id: string;
  sequence: string;
  event_name: string;
  source_event_id: string | null;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  round_attempts: number;
  next_attempt_at: Date;
  created_at: Date;
}

/** Named, not `*`: a prepared statement whose columns changed under it would fail until the process restarts. */
export const DELIVERY_COLUMNS = [
  'id',
  'program_id',
  'subscription_id',
  'sequence',
  'event_name',
  'source_event_id',
  'body',
  'status',
  'attempts',
  'round_attempts',
  'next_attempt_at',
  'created_at',
] as const satisfies ReadonlyArray<keyof Row>;

export const toDelivery = (row: Row): Delivery => ({
  id: row.id,
  programId: row.program_id,
  subscriptionId: row.subscription_id,
  sequence: Number(row.sequence),
  eventName: row.event_name,
  sourceEventId: row.source_event_id,
  body: row.body,
  status: row.status,
  attempts: row.attempts,
  roundAttempts: row.round_attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
});
