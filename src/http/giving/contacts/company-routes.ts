import { Router, type Response } from 'express';
import {
  createCompany,
  createTag,
  deleteCompany,
  renameTag,
  updateCompany,
} from '../../../commands/giving/contacts/companies.js';
import type { CompanyFields } from '../../../domain/giving/contacts/events.js';
import {
  findCompany,
  findTag,
  listCompanies,
  listTags,
  type CompanyRow,
  type TagRow,
} from '../../../projections/giving/contacts/queries.js';
import { PROGRAM_SCHEMES, programIdOf } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { parseListQuery } from '../../conventions/pagination.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { commandContext, settler } from '../common.js';
import { presentCompany, presentTag } from './present.js';
import { createCompanyBody, patchCompanyBody, tagBody, toAddress } from './schemas.js';

/** Companies contacts belong to, and the tags put on contacts. */
export function companyRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = ctx.auth.authenticate(PROGRAM_SCHEMES);
  const settled = settler(ctx, 'giving-contacts');
  const once = idempotency({ knex: ctx.knex });

  const companyOf = async (res: Response, id: string): Promise<CompanyRow> => {
    const company = await findCompany(ctx.knex, programIdOf(res.locals), id);
    if (!company) throw new HttpError('not_found', 'company not found');
    return company;
  };
  const tagOf = async (res: Response, id: string): Promise<TagRow> => {
    const tag = await findTag(ctx.knex, programIdOf(res.locals), id);
    if (!tag) throw new HttpError('not_found', 'tag not found');
    return tag;
  };

  router.get('/v1/companies', program, async (req, res) => {
    const paging = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const { rows, total } = await listCompanies(ctx.knex, programIdOf(res.locals), {
      offset: paging.offset,
      limit: paging.per_page,
    });
    sendList(res, rows.map(presentCompany), { page: paging.page, per_page: paging.per_page, total });
  });

  router.post('/v1/companies', program, once, async (req, res) => {
    const body = createCompanyBody.parse(req.body);
    const fields: CompanyFields = {
      name: body.name,
      website: body.website ?? null,
      phone: body.phone ?? null,
      address: toAddress(body.address) ?? null,
    };
    const result = await createCompany(ctx, fields, commandContext(req, res));
    await settled(result.position);
    const company = await companyOf(res, result.id);
    sendResource(res, presentCompany(company), company.version, 201);
  });

  router.patch('/v1/companies/:id', program, async (req, res) => {
    const current = await companyOf(res, String(req.params.id));
    const body = patchCompanyBody.parse(req.body ?? {});
    const changes: Partial<CompanyFields> = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.website !== undefined ? { website: body.website } : {}),
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
      ...(body.address !== undefined ? { address: toAddress(body.address) ?? null } : {}),
    };
    const result = await updateCompany(ctx, current.id, changes, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    const company = (await findCompany(ctx.knex, programIdOf(res.locals), current.id)) ?? current;
    sendResource(res, presentCompany(company), company.version);
  });

  router.delete('/v1/companies/:id', program, async (req, res) => {
    const current = await companyOf(res, String(req.params.id));
    const result = await deleteCompany(ctx, current.id, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    res.status(204).end();
  });

  router.get('/v1/tags', program, async (req, res) => {
    const paging = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const { rows, total } = await listTags(ctx.knex, programIdOf(res.locals), {
      offset: paging.offset,
      limit: paging.per_page,
    });
    sendList(res, rows.map(presentTag), { page: paging.page, per_page: paging.per_page, total });
  });

  router.post('/v1/tags', program, once, async (req, res) => {
    const { name } = tagBody.parse(req.body);
    const result = await createTag(ctx, name, commandContext(req, res));
    await settled(result.position);
    const tag = await tagOf(res, result.id);
    sendResource(res, presentTag(tag), tag.version, 201);
  });

  router.get('/v1/tags/:id', program, async (req, res) => {
    const tag = await tagOf(res, String(req.params.id));
    sendResource(res, presentTag(tag), tag.version);
  });

  router.patch('/v1/tags/:id', program, async (req, res) => {
    const current = await tagOf(res, String(req.params.id));
    const { name } = tagBody.parse(req.body ?? {});
    const result = await renameTag(ctx, current.id, name, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    const tag = (await findTag(ctx.knex, programIdOf(res.locals), current.id)) ?? current;
    sendResource(res, presentTag(tag), tag.version);
  });

  return router;
}
