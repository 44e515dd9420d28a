import { sqlMigration } from '../../../../platform/db.js';

/**
 * An email order's mail: its delivery status, the send and tries under way, when the next try is due, and the address
 * it goes to once a resend corrected it (sealed). The mail worker finds what is due here; the event log is the truth.
 */
export const fulfillmentOrderMailMigration = sqlMigration(
  '0703_rm_fulfillment_order_mail',
  `
      alter table rm_fulfillment_orders
        add column delivery_status text,
        add column mail_send integer,
        add column mail_attempts integer,
        add column mail_retry_at timestamptz,
        add column delivery_email_sealed text;
      create index rm_fulfillment_orders_mail_due on rm_fulfillment_orders (mail_retry_at)
        where delivery_status = 'pending';
    `,
);
