import { Router } from 'express';
import { isUuid } from '../../../platform/uuid.js';
import type { ApiContext } from '../../context.js';
import type { OutboxSource } from '../../outbox/sources.js';
import { HttpError } from '../../errors.js';

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; content_type: string; size: number }>;
  created_at: Date;
}

/** The bytes of the sandbox mailer's attachments (its messages are listed by the platform's outbox). */
export function outboxRoutes(ctx: ApiContext): Router {
  const router = Router();
  const admin = ctx.auth.authenticate(['admin']);

  router.get('/v1/admin/outbox/:id/attachments/:n', admin, async (req, res) => {
    const id = String(req.params.id);
    const n = Number(req.params.n);
    const message =
      isUuid(id) && Number.isInteger(n) && n >= 0 && n < 100
        ? await ctx.knex('fulfillment_outbox').where({ id }).first<OutboxRow | undefined>('attachments')
        : undefined;
    const meta = message?.attachments[n];
    const bytes = meta
      ? await ctx
          .knex('fulfillment_outbox_attachments')
          .where({ message_id: id, n })
          .first<{ content: Buffer } | undefined>('content')
      : undefined;
    if (!meta || !bytes) throw new HttpError('not_found', 'attachment not found');
    res
      .status(200)
      .set({ 'Content-Type': meta.content_type, 'Content-Disposition': `inline; filename="${meta.filename}"` })
      .send(bytes.content);
  });

  return router;
}

/** The sandbox mailer's messages for the platform's outbox: every one "sent" (the sandbox reports no delivery). */
export const fulfillmentOutbox: OutboxSource = {
  async list(knex, filter, limit) {
    const filtered = () =>
      knex('fulfillment_outbox').modify((q) => {
        if (filter.to) q.where({ recipient: filter.to.toLowerCase() });
      });
    const total = await filtered().count<{ count: string }[]>('* as count').first();
    const rows = await filtered()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select<OutboxRow[]>('id', 'recipient', 'subject', 'text', 'attachments', 'created_at');
    return {
      total: Number(total?.count ?? 0),
      rows: rows.map((r) => ({
        id: r.id,
        channel: 'email' as const,
        to: r.recipient,
        subject: r.subject,
        text: r.text,
        status: 'sent' as const,
        created_at: r.created_at.toISOString(),
        attachments: r.attachments,
      })),
    };
  },
};
