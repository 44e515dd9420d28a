import { sqlMigration } from '../../../../platform/db.js';

/**
 * Outside the event stream: each customer's data key (destroyed on deletion, which erases their sealed fields), the
 * access counters and one-time secrets (digests only), and the sandbox SMS and email outbox.
 */
export const customerAccessMigration = sqlMigration(
  '0511_hub_customer_access',
  `
      create table hub_customer_keys (
        customer_id uuid primary key,
        key_base64 text not null,
        created_at timestamptz not null default now()
      );
      create table hub_customer_access (
        customer_id uuid primary key,
        failed_logins integer not null default 0,
        code_digest text,
        code_expires_at timestamptz,
        code_tries integer not null default 0,
        code_wait_until timestamptz,
        reset_digest text,
        reset_expires_at timestamptz
      );
      create index hub_customer_access_reset on hub_customer_access (reset_digest);
      create table hub_outbox (
        id uuid primary key,
        hub_id uuid not null,
        customer_id uuid,
        channel text not null,
        recipient text not null,
        subject text,
        body text not null,
        status text not null,
        created_at timestamptz not null
      );
      create index hub_outbox_recipient on hub_outbox (recipient, created_at);
    `,
);
