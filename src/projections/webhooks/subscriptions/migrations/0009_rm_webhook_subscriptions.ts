import { sqlMigration } from '../../../../platform/db.js';

export const webhookSubscriptionsMigration = sqlMigration(
  '0009_rm_webhook_subscriptions',
  `
      create table rm_webhook_subscriptions (
        id uuid primary key,
        program_id uuid not null,
        name text,
        url text not null,
        events text[] not null,
        active boolean not null,
        secret_ciphertext text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null,
        deleted boolean not null default false
      );
      create index rm_webhook_subscriptions_program on rm_webhook_subscriptions (program_id, created_at) where not deleted;
      create index rm_webhook_subscriptions_events on rm_webhook_subscriptions using gin (events) where active and not deleted;
    `,
);
