import { Router, type Request, type Response } from 'express';
import { createContact, deleteContact, tagContact, updateContact } from '../../../commands/giving/contacts/contacts.js';
import type { ContactFields } from '../../../domain/giving/contacts/events.js';
import { findCompany, findContact, findTag, listContacts } from '../../../projections/giving/contacts/queries.js';
import { PROGRAM_SCHEMES, programIdOf } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { sendPage } from '../../shared/list.js';
import { settledRows } from '../../shared/own-rows.js';
import { idParam } from '../../shared/routes.js';
import { commandContext, personInput, settler } from '../common.js';
import { presentContact, presentTag } from './present.js';
import { contactListQuery, createContactBody, patchContactBody, toAddress } from './schemas.js';

/** Donor contacts, unique by email within the program, with their tags. */
export function contactRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  const settled = settler(ctx, 'giving-contacts');

  const contacts = settledRows(ctx, findContact, 'contact', presentContact, settled);
  const tags = settledRows(ctx, findTag, 'tag', presentTag, settled);
  const assertCompany = async (res: Response, companyId: string | null | undefined): Promise<void> => {
    if (companyId && !(await findCompany(ctx.knex, programIdOf(res.locals), companyId))) {
      throw new HttpError('invalid_request', 'the request has invalid fields', [
        { field: 'company_id', message: 'no such company' },
      ]);
    }
  };

  /** The list's filters, read after its paging (as the paging's errors answer first). */
  const contactFilter = (req: Request) => {
    const { email, tag_id, company_id, q } = contactListQuery.parse({
      email: req.query.email,
      tag_id: req.query.tag_id,
      company_id: req.query.company_id,
      q: req.query.q,
    });
    return { email, tagId: tag_id, companyId: company_id, q };
  };
  router.get('/v1/contacts', program, (req, res) =>
    sendPage(
      res,
      { page: req.query.page, per_page: req.query.per_page },
      (page) => listContacts(ctx.knex, programIdOf(res.locals), contactFilter(req), page),
      presentContact,
    ),
  );

  router.post('/v1/contacts', program, idempotency({ knex: ctx.knex }), async (req, res) => {
    const body = createContactBody.parse(req.body);
    await assertCompany(res, body.company_id);
    const fields: ContactFields = {
      ...personInput({ ...body, email: body.email ?? null }),
      address: toAddress(body.address) ?? null,
      companyId: body.company_id ?? null,
    };
    const result = await createContact(ctx, fields, commandContext(req, res));
    await contacts.created(res, result);
  });

  router.get('/v1/contacts/:id', program, contacts.get);

  router.patch('/v1/contacts/:id', program, async (req, res) => {
    const current = await contacts.of(res, idParam(req));
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
    await contacts.changed(res, current, result);
  });

  router.delete('/v1/contacts/:id', program, async (req, res) => {
    const current = await contacts.of(res, idParam(req));
    const result = await deleteContact(ctx, current.id, commandContext(req, res), expectedVersion(req));
    await contacts.removed(res, result);
  });

  /** Tagging twice is one tag; untagging a contact without the tag changes nothing. */
  const tagging = (tagged: boolean) => async (req: Request, res: Response) => {
    const current = await contacts.of(res, idParam(req));
    const tag = await tags.of(res, idParam(req, 'tag_id'));
    const result = await tagContact(ctx, current.id, tag.id, tagged, commandContext(req, res));
    await settled(result.position);
    if (tagged) await contacts.send(res, current.id, current);
    else res.status(204).end();
  };
  router.put('/v1/contacts/:id/tags/:tag_id', program, tagging(true));
  router.delete('/v1/contacts/:id/tags/:tag_id', program, tagging(false));

  return router;
}
