import type { Request, Response } from 'express';
import { PROGRAM_SCHEMES } from '../auth/authenticate.js';
import { programOf } from '../auth/command-context.js';
import { idempotency } from '../idempotency/index.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import type { ApiContext } from '../context.js';
import { HttpError } from '../errors.js';

export { actorOf, commandContext, isProgram, programOf } from '../auth/command-context.js';

/** Read-your-writes: waits until these projections have applied the command's events. */
export const settled = (ctx: ApiContext, projections: readonly string[]) => readYourWrites(ctx, projections);

export const notFound = (what: string): HttpError => new HttpError('not_found', `${what} not found`);

export const invalidReference = (field: string, what: string): HttpError =>
  new HttpError('invalid_request', 'the request has invalid fields', [{ field, message: `no ${what} has this id` }]);

export const idParam = (req: Request, name = 'id'): string => String(req.params[name]);

/** The guards of a program's routes: its authentication, and `once` for the creates a retry must not repeat. */
export function programGuards(ctx: Pick<ApiContext, 'auth' | 'knex'>) {
  return { program: ctx.auth.authenticate(PROGRAM_SCHEMES), once: idempotency({ knex: ctx.knex }) };
}

/** The guards of a catalogue context's routes (perks, causes) and its read-your-writes on `projection`. */
export function catalogueGuards(ctx: ApiContext, projection: string) {
  return {
    ...programGuards(ctx),
    apiKey: ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]),
    apiKeyOrMember: ctx.memberAuth.memberOr(ctx.auth, ['api_key', ...PROGRAM_SCHEMES]),
    settle: settled(ctx, [projection]),
  };
}

/** Refuses with 422 on `field` a reference to a row (e.g. a category) the caller's program does not have. */
export const referenceCheck =
  (
    ctx: ApiContext,
    find: (knex: ApiContext['knex'], programId: string, id: string) => Promise<unknown>,
    field: string,
    what: string,
  ) =>
  async (res: Response, id: string | null | undefined): Promise<void> => {
    if (id && !(await find(ctx.knex, programOf(res), id))) throw invalidReference(field, what);
  };
