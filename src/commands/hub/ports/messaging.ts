import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** A message a port sent (the sandbox adapters keep them in the outbox, `GET /v1/admin/hub/outbox`). */
export interface OutboxMessage {
  readonly hubId: string;
  readonly customerId: string | null;
  readonly recipient: string;
  readonly subject: string | null;
  readonly body: string;
}

export interface SmsPort {
  /** `delivered` false: the provider reports a failed delivery. */
  send(
    message: Omit<OutboxMessage, 'subject'> & { readonly sender: string | null },
    at: Date,
  ): Promise<{ delivered: boolean }>;
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
  await knex('hub_outbox').insert({
    id: randomUUID(),
    hub_id: message.hubId,
    customer_id: message.customerId,
    channel,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    status,
    created_at: at,
  });
}

/** Writes to the outbox; a message to the sandbox's failing phone is recorded as failed. */
export const sandboxSms = (knex: Knex): SmsPort => ({
  async send(message, at) {
    const delivered = !message.recipient.endsWith(FAILING_SANDBOX_PHONE);
    await write(knex, 'sms', { ...message, subject: message.sender }, delivered ? 'delivered' : 'failed', at);
    return { delivered };
  },
});

export const sandboxEmail = (knex: Knex): EmailPort => ({
  send: (message, at) => write(knex, 'email', message, 'delivered', at),
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
