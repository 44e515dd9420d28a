import { sqlMigration } from '../../../../platform/db.js';

/**
 * Deliveries are the truth about outgoing webhooks; BullMQ only carries them.
 * A delivery is one payload for one subscription, numbered 1, 2, 3 … per
 * subscription in the order events were dispatched, so a receiver can see a gap.
 */
export const webhookDeliveriesMigration = sqlMigration(
  '0011_webhook_deliveries',
  `
      create table gs_webhook_sequences (
        subscription_id uuid primary key,
        last_sequence bigint not null
      );
      create table gs_webhook_deliveries (
        id uuid primary key,
        program_id uuid not null,
        subscription_id uuid not null,
        sequence bigint not null,
        event_name text not null,
        source_event_id uuid,
        body text not null,
        status text not null check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        round_attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_status_code integer,
        last_error text,
        created_at timestamptz not null default now(),
        delivered_at timestamptz,
        unique (subscription_id, sequence),
        unique (subscription_id, source_event_id, event_name)
      );
      create index gs_webhook_deliveries_pending on gs_webhook_deliveries (next_attempt_at) where status = 'pending';
      create index gs_webhook_deliveries_by_subscription on gs_webhook_deliveries (subscription_id, created_at);
      create table gs_webhook_attempts (
        delivery_id uuid not null,
        attempt_number integer not null,
        started_at timestamptz not null,
        status_code integer,
        latency_ms integer not null,
        error text,
        response_excerpt text,
        primary key (delivery_id, attempt_number)
      );
    `,
);
