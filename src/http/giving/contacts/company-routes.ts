import { Router, type Request } from 'express';
import {
  createCompany,
  createTag,
  deleteCompany,
  renameTag,
  updateCompany,
} from '../../../commands/giving/contacts/companies.js';
import type { CompanyFields } from '../../../domain/giving/contacts/events.js';
import { findCompany, findTag, listCompanies, listTags } from '../../../projections/giving/contacts/queries.js';
import { programIdOf } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { sendPage } from '../../shared/list.js';
import { settledRows } from '../../shared/own-rows.js';
import { idParam, programGuards } from '../../shared/routes.js';
import { commandContext, settler } from '../common.js';
import { presentCompany, presentTag } from './present.js';
import { createCompanyBody, patchCompanyBody, tagBody, toAddress } from './schemas.js';

/** Companies contacts belong to, and the tags put on contacts. */
export function companyRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { program, once } = programGuards(ctx);
  const settled = settler(ctx, 'giving-contacts');

  const companies = settledRows(ctx, findCompany, 'company', presentCompany, settled);
  const tags = settledRows(ctx, findTag, 'tag', presentTag, settled);
  const page = (req: Request) => ({ page: req.query.page, per_page: req.query.per_page });

  router.get('/v1/companies', program, (req, res) =>
    sendPage(res, page(req), (p) => listCompanies(ctx.knex, programIdOf(res.locals), p), presentCompany),
  );

  router.post('/v1/companies', program, once, async (req, res) => {
    const body = createCompanyBody.parse(req.body);
    const fields: CompanyFields = {
      name: body.name,
      website: body.website ?? null,
      phone: body.phone ?? null,
      address: toAddress(body.address) ?? null,
    };
    const result = await createCompany(ctx, fields, commandContext(req, res));
    await companies.created(res, result);
  });

  router.patch('/v1/companies/:id', program, async (req, res) => {
    const current = await companies.of(res, idParam(req));
    const body = patchCompanyBody.parse(req.body ?? {});
    const changes: Partial<CompanyFields> = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.website !== undefined ? { website: body.website } : {}),
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
      ...(body.address !== undefined ? { address: toAddress(body.address) ?? null } : {}),
    };
    const result = await updateCompany(ctx, current.id, changes, commandContext(req, res), expectedVersion(req));
    await companies.changed(res, current, result);
  });

  router.delete('/v1/companies/:id', program, async (req, res) => {
    const current = await companies.of(res, idParam(req));
    const result = await deleteCompany(ctx, current.id, commandContext(req, res), expectedVersion(req));
    await companies.removed(res, result);
  });

  router.get('/v1/tags', program, (req, res) =>
    sendPage(res, page(req), (p) => listTags(ctx.knex, programIdOf(res.locals), p), presentTag),
  );

  router.post('/v1/tags', program, once, async (req, res) => {
    const { name } = tagBody.parse(req.body);
    const result = await createTag(ctx, name, commandContext(req, res));
    await tags.created(res, result);
  });

  router.get('/v1/tags/:id', program, tags.get);

  router.patch('/v1/tags/:id', program, async (req, res) => {
    const current = await tags.of(res, idParam(req));
    const { name } = tagBody.parse(req.body ?? {});
    const result = await renameTag(ctx, current.id, name, commandContext(req, res), expectedVersion(req));
    await tags.changed(res, current, result);
  });

  return router;
}
