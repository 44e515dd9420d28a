import type { Request, Response } from 'express';
import type { CommandContext } from '../../commands/handle.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import type { Principal } from '../auth/authenticate.js';
import type { ApiContext } from '../context.js';
import { HttpError } from '../errors.js';
import { memberOf } from '../members/auth.js';

export const programOf = (res: Response): string => {
  const id = res.locals.programId as unknown;
  if (typeof id !== 'string') throw new HttpError('unauthorized', 'an Api-Key is required');
  return id;
};

/** The caller proved it is the program (not only named it with an Api-Key, not a member). */
export const isProgram = (res: Response): boolean => {
  const principal = res.locals.principal as Principal | undefined;
  return !memberOf(res) && principal?.kind === 'program' && principal.scheme !== 'api_key';
};

export const actorOf = (res: Response): string => {
  const member = memberOf(res);
  if (member) return `member:${member.memberId}`;
  return isProgram(res) ? `program:${programOf(res)}` : `api_key:${programOf(res)}`;
};

export const commandContext = (req: Request, res: Response): CommandContext => ({
  tenantId: programOf(res),
  actor: actorOf(res),
  correlationId: String(res.locals.requestId ?? req.get('X-Request-Id') ?? ''),
});

/** Read-your-writes: waits until these projections have applied the command's events. */
export const settled = (ctx: ApiContext, projections: readonly string[]) => readYourWrites(ctx, projections);

export const notFound = (what: string): HttpError => new HttpError('not_found', `${what} not found`);

export const invalidReference = (field: string, what: string): HttpError =>
  new HttpError('invalid_request', 'the request has invalid fields', [{ field, message: `no ${what} has this id` }]);

export const idParam = (req: Request, name = 'id'): string => String(req.params[name]);
