import type { Request } from 'express';
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
