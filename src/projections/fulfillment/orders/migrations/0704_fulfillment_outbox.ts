import { sqlMigration } from '../../../../platform/db.js';

/** The sandbox mailer's outbox: what it "sent", for GET /v1/admin/outbox; attachments' bytes beside. */
export const fulfillmentOutboxMigration = sqlMigration(
  '0704_fulfillment_outbox',
  `
      create table fulfillment_outbox (
        id uuid primary key,
        program_id uuid not null,
        recipient text not null,
        subject text not null,
        text text not null,
        attachments jsonb not null,
        created_at timestamptz not null
      );
      create index fulfillment_outbox_recipient on fulfillment_outbox (recipient, created_at);
      create table fulfillment_outbox_attachments (
        message_id uuid not null references fulfillment_outbox (id) on delete cascade,
        n integer not null,
        content bytea not null,
        primary key (message_id, n)
      );
    `,
);
