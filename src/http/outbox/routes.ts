import { Router } from 'express';
import { z } from 'zod';
import type { Auth } from '../auth/authenticate.js';
import { sendList } from '../conventions/envelope.js';
import { paginationSchema, SORTING_LIMIT } from '../conventions/pagination.js';
import { HttpError } from '../errors.js';
import type { Knex } from 'knex';
import { outboxPage, type OutboxSource } from './sources.js';

const outboxQuery = paginationSchema.extend({ to: z.string().max(320).optional() });

/** The sandbox adapters' outbox: every context's messages (SMS, emails) in one list, newest first. */
export function outboxRoutes(deps: { readonly knex: Knex; readonly auth: Auth }, sources: readonly OutboxSource[]) {
  const router = Router();
  router.get('/v1/admin/outbox', deps.auth.authenticate(['admin']), async (req, res) => {
    const { page, per_page, to } = outboxQuery.parse(req.query);
    if (page * per_page > SORTING_LIMIT)
      throw new HttpError('sorting_limit_exceeded', `page × per_page may not exceed ${SORTING_LIMIT}`);
    const { rows, total } = await outboxPage(deps.knex, sources, { to }, { offset: (page - 1) * per_page, per_page });
    sendList(res, rows, { page, per_page, total });
  });
  return router;
}
