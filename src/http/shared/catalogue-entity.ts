import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Knex } from 'knex';
import type { Expected, Written } from '../../commands/shared/catalogue-entity.js';
import type { CommandDeps } from '../../commands/shared/aggregate.js';
import type { CommandContext } from '../../commands/shared/command.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { Page, PageRequest } from '../../projections/shared/rows.js';
import type { ApiContext } from '../context.js';
import { sendResource } from '../conventions/envelope.js';
import { expectedVersion } from '../conventions/versioning.js';
import { sendPage } from './list.js';
import { catalogueGuards, commandContext, idParam, notFound, programOf } from './routes.js';

/**
 * A catalogue entity the program writes with a plain POST and PATCH (business categories, partner codes, cause
 * categories): its body mappers, its commands, how to find one of its rows and how to present it.
 */
export interface CatalogueEntity<F extends object, Row extends { readonly version: string | number | bigint }> {
  /** The collection's path, e.g. `/v1/business-categories`; the PATCH is on `<path>/:id`. */
  readonly path: string;
  /** For the 404 message: `<what> not found`. */
  readonly what: string;
  readonly create: (body: unknown) => F;
  readonly patch: (body: unknown) => Partial<F>;
  readonly commands: {
    create(deps: CommandDeps, fields: F, context: CommandContext): Promise<Written>;
    update(deps: CommandDeps, id: string, changes: Partial<F>, context: CommandContext, o: Expected): Promise<Written>;
  };
  readonly find: (knex: Knex, programId: string, id: string) => Promise<Row | undefined>;
  readonly present: (row: Row) => object;
}

export interface CatalogueGuards {
  readonly program: RequestHandler;
  readonly once: RequestHandler;
  /** Read-your-writes: waits until the read model has the command's events. */
  readonly settle: (position: Position | undefined) => Promise<unknown>;
}

/** Answers 201 with the new id and its version, once the read model has it (read-your-writes). */
export async function sendCreated(res: Response, written: Written, settle: CatalogueGuards['settle']): Promise<void> {
  await settle(written.position);
  sendResource(res, { id: written.id }, written.version ?? 0n, 201);
}

/** The program's catalogue row a PATCH names: how to find it, for the 404 `<what> not found`, and the wait after it. */
export interface PatchedRow {
  readonly find: (knex: Knex, programId: string, id: string) => Promise<unknown>;
  readonly what: string;
  readonly settle: CatalogueGuards['settle'];
}

/**
 * A catalogue PATCH of `:id` once its body parsed: 404 for another program's row, else `update` (which may refuse a
 * reference first) under the request's If-Match; resolves to the id once the read model has the change.
 */
export async function patchOwnRow(
  ctx: Pick<ApiContext, 'knex'>,
  req: Request,
  res: Response,
  row: PatchedRow,
  update: (id: string, context: CommandContext, expected: Expected) => Promise<Written>,
): Promise<string> {
  const id = idParam(req);
  if (!(await row.find(ctx.knex, programOf(res), id))) throw notFound(row.what);
  const written = await update(id, commandContext(req, res), { expectedVersion: expectedVersion(req) });
  await row.settle(written.position);
  return id;
}

/** POST `<path>` answers 201 with the new id; PATCH `<path>/:id` answers the updated row, 404 for another program's. */
export function catalogueEntityRoutes<F extends object, Row extends { readonly version: string | number | bigint }>(
  router: Router,
  ctx: ApiContext,
  { program, once, settle }: CatalogueGuards,
  entity: CatalogueEntity<F, Row>,
): void {
  router.post(entity.path, program, once, async (req, res) => {
    const fields = entity.create(req.body);
    const written = await entity.commands.create(ctx, fields, commandContext(req, res));
    await sendCreated(res, written, settle);
  });

  router.patch(`${entity.path}/:id`, program, async (req, res) => {
    const changes = entity.patch(req.body);
    const id = await patchOwnRow(ctx, req, res, { find: entity.find, what: entity.what, settle }, (own, context, o) =>
      entity.commands.update(ctx, own, changes, context, o),
    );
    const row = (await entity.find(ctx.knex, programOf(res), id))!;
    sendResource(res, entity.present(row), Number(row.version));
  });
}

/** A catalogue list apps read with the Api-Key (the categories): its entity, and its page of active rows by name. */
export interface CatalogueList<
  F extends object,
  Row extends { readonly version: string | number | bigint },
> extends CatalogueEntity<F, Row> {
  /** The projection the writes wait for (read-your-writes). */
  readonly projection: string;
  readonly list: (knex: Knex, programId: string, page: PageRequest) => Promise<Page<Row>>;
}

/** GET `<path>` pages the list for apps (Api-Key) and the program; POST and PATCH as `catalogueEntityRoutes`. */
export function catalogueListRoutes<F extends object, Row extends { readonly version: string | number | bigint }>(
  ctx: ApiContext,
  entity: CatalogueList<F, Row>,
): Router {
  const router = Router();
  const guards = catalogueGuards(ctx, entity.projection);
  router.get(entity.path, guards.apiKey, (req, res) =>
    sendPage(res, req.query, (page) => entity.list(ctx.knex, programOf(res), page), entity.present),
  );
  catalogueEntityRoutes(router, ctx, guards, entity);
  return router;
}
