import type { Router } from 'express';
import type { Written } from '../../../commands/shared/catalogue-entity.js';
import type { CommandDeps } from '../../../commands/shared/aggregate.js';
import type { CommandContext } from '../../../commands/shared/command.js';
import { findBusiness } from '../../../projections/perks/queries.js';
import type { ApiContext } from '../../context.js';
import { sendCreated, type CatalogueGuards } from '../../shared/catalogue-entity.js';
import { commandContext, idParam, notFound, programOf } from '../../shared/routes.js';

/**
 * POST `path` (`/v1/businesses/:id/…`) adds what `fields` reads from the body to the program's business `:id` (404
 * for another program's, after the body is checked), answered 201 with the new id once the read model has it.
 */
export function businessChildRoute<F>(
  router: Router,
  ctx: ApiContext,
  { program, once, settle }: CatalogueGuards,
  path: string,
  fields: (body: unknown) => F,
  add: (deps: CommandDeps, businessId: string, fields: F, context: CommandContext) => Promise<Written>,
): void {
  router.post(path, program, once, async (req, res) => {
    const parsed = fields(req.body);
    const id = idParam(req);
    if (!(await findBusiness(ctx.knex, programOf(res), id))) throw notFound('business');
    await sendCreated(res, await add(ctx, id, parsed, commandContext(req, res)), settle);
  });
}
