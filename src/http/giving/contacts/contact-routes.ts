import { Router, type Request, type Response } from 'express';
import { createContact, deleteContact, tagContact, updateContact } from '../../../commands/giving/contacts/contacts.js';
import type { ContactFields } from '../../../domain/giving/contacts/events.js';
import {
  findCompany,
  findContact,
  findTag,
  listContacts,
  type ContactRow,
} from '../../../projections/giving/contacts/queries.js';
import { PROGRAM_SCHEMES, programIdOf } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { parseListQuery } from '../../conventions/pagination.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { commandContext, settler } from '../common.js';
import { presentContact } from './present.js';
import { contactListQuery, createContactBody, patchContactBody, toAddress } from './schemas.js';

/** Donor contacts, unique by email within the program, with their tags. */
export function contactRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  const settled = settler(ctx, 'giving-contacts');

  const contactOf = async (res: Response, id: string): Promise<ContactRow> => {
    const contact = await findContact(ctx.knex, programIdOf(res.locals), id);
    if (!contact) throw new HttpError('not_found', 'contact not found');
    return contact;
  };
  const assertCompany = async (res: Response, companyId: string | null | undefined): Promise<void> => {
    if (companyId && !(await findCompany(ctx.knex, programIdOf(res.locals), companyId))) {
      throw new HttpError('invalid_request', 'the request has invalid fields', [
        { field: 'company_id', message: 'no such company' },
      ]);
    }
  };
  const answer = async (res: Response, id: string, fallback: ContactRow, status = 200): Promise<void> => {
    const contact = (await findContact(ctx.knex, programIdOf(res.locals), id)) ?? fallback;
    sendResource(res, presentContact(contact), contact.version, status);
  };

  router.get('/v1/contacts', program, async (req, res) => {
    const paging = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const { email, tag_id, company_id, q } = contactListQuery.parse({
      email: req.query.email,
      tag_id: req.query.tag_id,
      company_id: req.query.company_id,
      q: req.query.q,
    });
    const filter = { email, tagId: tag_id, companyId: company_id, q };
    const { rows, total } = await listContacts(ctx.knex, programIdOf(res.locals), filter, {
      offset: paging.offset,
      limit: paging.per_page,
    });
    sendList(res, rows.map(presentContact), { page: paging.page, per_page: paging.per_page, total });
  });

  router.post('/v1/contacts', program, idempotency({ knex: ctx.knex }), async (req, res) => {
    const body = createContactBody.parse(req.body);
    await assertCompany(res, body.company_id);
    const fields: ContactFields = {
      firstName: body.first_name,
      lastName: body.last_name,
      email: body.email ?? null,
      phone: body.phone ?? null,
      address: toAddress(body.address) ?? null,
      companyId: body.company_id ?? null,
    };
    const result = await createContact(ctx, fields, commandContext(req, res));
    await settled(result.position);
    const contact = await contactOf(res, result.id);
    sendResource(res, presentContact(contact), contact.version, 201);
  });

  router.get('/v1/contacts/:id', program, async (req, res) => {
    const contact = await contactOf(res, String(req.params.id));
    sendResource(res, presentContact(contact), contact.version);
  });

  router.patch('/v1/contacts/:id', program, async (req, res) => {
    const current = await contactOf(res, String(req.params.id));
    const body = patchContactBody.parse(req.body ?? {});
    await assertCompany(res, body.company_id);
    const changes: Partial<ContactFields> = {
      ...(body.first_name !== undefined ? { firstName: body.first_name } : {}),
      ...(body.last_name !== undefined ? { lastName: body.last_name } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
      ...(body.address !== undefined ? { address: toAddress(body.address) ?? null } : {}),
      ...(body.company_id !== undefined ? { companyId: body.company_id } : {}),
    };
    const result = await updateContact(
      ctx,
      current.id,
      changes,
      current.email,
      commandContext(req, res),
      expectedVersion(req),
    );
    await settled(result.position);
    await answer(res, current.id, current);
  });

  router.delete('/v1/contacts/:id', program, async (req, res) => {
    const current = await contactOf(res, String(req.params.id));
    const result = await deleteContact(ctx, current.id, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    res.status(204).end();
  });

  /** Tagging twice is one tag; untagging a contact without the tag changes nothing. */
  const tagging = (tagged: boolean) => async (req: Request, res: Response) => {
    const current = await contactOf(res, String(req.params.id));
    const tag = await findTag(ctx.knex, programIdOf(res.locals), String(req.params.tag_id));
    if (!tag) throw new HttpError('not_found', 'tag not found');
    const result = await tagContact(ctx, current.id, tag.id, tagged, commandContext(req, res));
    await settled(result.position);
    if (tagged) await answer(res, current.id, current);
    else res.status(204).end();
  };
  router.put('/v1/contacts/:id/tags/:tag_id', program, tagging(true));
  router.delete('/v1/contacts/:id/tags/:tag_id', program, tagging(false));

  return router;
}
