import { randomUUID } from 'node:crypto';
import type { OutboxItem as BaseOutboxItem } from '../../../platform/outbox.js';
import type { Knex } from 'knex';
import { isUuid } from '../../../platform/uuid.js';

/** A message a port sent (the sandbox adapters keep them in the outbox, `GET /v1/admin/hub/outbox`). */
export interface OutboxMessage {
  readonly hubId: string;
  readonly customerId: string | null;
  readonly recipient: string;
  readonly subject: string | null;
  readonly body: string;
}

export interface SmsPort {
  /** `reference` names the message in the provider's delivery callbacks; `delivered` false: it failed at once. */
  send(
    message: Omit<OutboxMessage, 'subject'> & { readonly sender: string | null },
    at: Date,
  ): Promise<{ reference: string; delivered: boolean }>;
}

export interface EmailPort {
  send(message: OutboxMessage, at: Date): Promise<void>;
}

export interface CaptchaPort {
  /** Whether the captcha a customer solved is good, checked against the hub's secret. */
  verify(captcha: string, secret: string): Promise<boolean>;
}

/** The sandbox phone whose deliveries fail (api-hub.md, "Ports and sandbox adapters"). */
export const FAILING_SANDBOX_PHONE = '600000000';

async function write(knex: Knex, channel: 'sms' | 'email', message: OutboxMessage, status: string, at: Date) {
  const id = randomUUID();
  await knex('hub_outbox').insert({
    id,
    hub_id: message.hubId,
    customer_id: message.customerId,
    channel,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    status,
    created_at: at,
  });
  return id;
}

/**
 * Writes to the outbox. A message to the sandbox's failing phone is reported failed at once, through the same
 * recordSmsDelivery a real provider's callback goes through.
 */
export const sandboxSms = (knex: Knex): SmsPort => ({
  async send(message, at) {
    const reference = await write(knex, 'sms', { ...message, subject: message.sender }, 'sent', at);
    const delivered = !message.recipient.endsWith(FAILING_SANDBOX_PHONE);
    await recordSmsDelivery(knex, { references: [reference], failed: !delivered });
    return { reference, delivered };
  },
});

/** The provider's statuses that mean the message will not arrive (Brevo's bounces, rejections, blacklisting…). */
export const isFailedSmsStatus = (status: string): boolean =>
  /bounce|reject|blacklist|fail|error|undeliver|expired|skip/i.test(status);

/**
 * A provider's word on sent messages, named by our references or else by the recipient (its latest SMS): the outbox
 * row records it, and a failed delivery lifts the customer's 60 s wait for a new code. Returns how many it named.
 */
export async function recordSmsDelivery(
  knex: Knex,
  report: { readonly references: readonly string[]; readonly recipient?: string; readonly failed: boolean },
): Promise<number> {
  const uuids = report.references.filter(isUuid);
  let rows: Array<{ id: string; customer_id: string | null }> = [];
  if (uuids.length > 0)
    rows = await knex('hub_outbox').where({ channel: 'sms' }).whereIn('id', uuids).select('id', 'customer_id');
  else if (report.recipient)
    rows = await knex('hub_outbox')
      .where({ channel: 'sms', recipient: report.recipient })
      .orderBy('created_at', 'desc')
      .limit(1)
      .select('id', 'customer_id');
  if (rows.length === 0) return 0;
  await knex('hub_outbox')
    .whereIn(
      'id',
      rows.map((r) => r.id),
    )
    .update({ status: report.failed ? 'failed' : 'delivered' });
  const customers = rows.flatMap((r) => (r.customer_id ? [r.customer_id] : []));
  if (report.failed && customers.length > 0)
    await knex('hub_customer_access').whereIn('customer_id', customers).update({ code_wait_until: null });
  return rows.length;
}

export const sandboxEmail = (knex: Knex): EmailPort => ({
  async send(message, at) {
    await write(knex, 'email', message, 'delivered', at);
  },
});

/** Any non-empty captcha passes but `captcha_fail`. */
export const sandboxCaptcha: CaptchaPort = {
  verify: (captcha) => Promise.resolve(captcha.length > 0 && captcha !== 'captcha_fail'),
};

/** Erasure: a deleted customer's messages leave the outbox with them. */
export async function forgetMessages(
  knex: Knex,
  hubId: string,
  customerId: string,
  recipients: readonly string[],
): Promise<void> {
  await knex('hub_outbox')
    .where({ hub_id: hubId })
    .andWhere((q) => {
      q.where({ customer_id: customerId }).orWhereIn('recipient', [...recipients, '']);
    })
    .delete();
}

/** A message of the sandbox outbox: the platform's outbox item, always with its hub and never an attachment. */
export type OutboxItem = BaseOutboxItem & { readonly hubId: string; readonly attachments: [] };

/** The sandbox SMS and email adapters' messages, newest first, to one recipient when asked. */
export async function listOutbox(
  knex: Knex,
  filter: { readonly to?: string | undefined },
  page: { readonly offset: number; readonly limit: number },
): Promise<{ rows: OutboxItem[]; total: number }> {
  const base = knex('hub_outbox').modify((q) => {
    if (filter.to) q.where({ recipient: filter.to });
  });
  const [count] = await base.clone().count<Array<{ count: string }>>({ count: '*' });
  const rows = await base
    .clone()
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(page.offset)
    .limit(page.limit)
    .select<
      Array<{
        id: string;
        hub_id: string;
        channel: OutboxItem['channel'];
        recipient: string;
        subject: string | null;
        body: string;
        status: OutboxItem['status'];
        created_at: Date;
      }>
    >('id', 'hub_id', 'channel', 'recipient', 'subject', 'body', 'status', 'created_at');
  return {
    rows: rows.map((r) => ({
      id: r.id,
      hubId: r.hub_id,
      channel: r.channel,
      to: r.recipient,
      subject: r.subject,
      text: r.body,
      status: r.status,
      created_at: r.created_at.toISOString(),
      attachments: [],
    })),
    total: Number(count?.count ?? 0),
  };
}
