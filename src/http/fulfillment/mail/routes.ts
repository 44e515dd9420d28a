import { Router } from 'express';
import { z } from 'zod';
import { isUuid } from '../../../platform/uuid.js';
import type { ApiContext } from '../../context.js';
import { sendList } from '../../conventions/envelope.js';
import { HttpError } from '../../errors.js';
import { pageOf } from '../common.js';

interface OutboxRow {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  attachments: Array<{ filename: string; content_type: string; size: number }>;
  created_at: Date;
}

export const outboxQuery = z.object({
  to: z.string().max(320).optional(),
  page: z.unknown().optional(),
  per_page: z.unknown().optional(),
});

/** The sandbox mailer's outbox: what it "sent", newest first, and each attachment's bytes. */
export function outboxRoutes(ctx: ApiContext): Router {
  const router = Router();
  const admin = ctx.auth.authenticate(['admin']);

  router.get('/v1/admin/outbox', admin, async (req, res) => {
    const page = pageOf({ page: req.query.page, per_page: req.query.per_page });
    const { to } = outboxQuery.parse(req.query);
    const filtered = () =>
      ctx.knex('fulfillment_outbox').modify((q) => {
        if (to) q.where({ recipient: to.toLowerCase() });
      });
    const total = await filtered().count<{ count: string }[]>('* as count').first();
    const rows = await filtered()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(page.offset)
      .limit(page.per_page)
      .select<OutboxRow[]>('id', 'recipient', 'subject', 'text', 'attachments', 'created_at');
    const data = rows.map((r) => ({
      id: r.id,
      to: r.recipient,
      subject: r.subject,
      text: r.text,
      created_at: r.created_at.toISOString(),
      attachments: r.attachments,
    }));
    sendList(res, data, { ...page, total: Number(total?.count ?? 0) });
  });

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
