import type { Knex } from 'knex';

export interface MailAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/** One mail; `id` names it and its try, so a try run twice (a crash, a retried job) is one message. */
export interface MailMessage {
  readonly id: string;
  readonly programId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly attachments: readonly MailAttachment[];
}

/** The mail provider refused or bounced the message: the try failed, a later one may succeed. */
export class MailRefusedError extends Error {
  override readonly name = 'MailRefusedError';
}

/** The port to the mail provider (api-fulfillment.md, "Sandbox"); SMTP comes later. */
export interface Mailer {
  send(message: MailMessage, at: Date): Promise<void>;
}

/** The sandbox's bouncing domain: every try to it fails. */
export const BOUNCE_DOMAIN = '@bounce.test';

/**
 * The sandbox adapter: writes what it "sent" to the outbox (`GET /v1/admin/outbox`), attachments beside it; an address
 * at BOUNCE_DOMAIN bounces. A real adapter would also have to respect the provider's rate limits and map its errors.
 */
export const sandboxMailer = (knex: Knex): Mailer => ({
  async send(message, at) {
    if (message.to.toLowerCase().endsWith(BOUNCE_DOMAIN))
      throw new MailRefusedError(`the mail to ${message.to} bounced`);
    await knex.transaction(async (trx) => {
      const inserted = await trx('fulfillment_outbox')
        .insert({
          id: message.id,
          program_id: message.programId,
          recipient: message.to.toLowerCase(),
          subject: message.subject,
          text: message.text,
          attachments: JSON.stringify(
            message.attachments.map((a) => ({
              filename: a.filename,
              content_type: a.contentType,
              size: a.content.byteLength,
            })),
          ),
          created_at: at,
        })
        .onConflict('id')
        .ignore()
        .returning('id');
      if (inserted.length === 0) return;
      for (const [n, attachment] of message.attachments.entries())
        await trx('fulfillment_outbox_attachments').insert({
          message_id: message.id,
          n,
          content: Buffer.from(attachment.content),
        });
    });
  },
});
