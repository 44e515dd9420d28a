import type { Request, Response } from 'express';
import type { CommandContext } from '../../commands/shared/command.js';
import { memberOf } from '../members/auth.js';
import { HttpError } from '../errors.js';
import { programIdOf, type Principal } from './authenticate.js';

/**
 * The program a request is for, on routes that also take an app's bare Api-Key
 * or a member: without one it is 401 (credentials missing), where programIdOf,
 * for program-only routes, says 403.
 */
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

/** Who acts, as events record it: a member, the program itself, or an app that only named the program. */
export const actorOf = (res: Response): string => {
  const member = memberOf(res);
  if (member) return `member:${member.memberId}`;
  const programId = programIdOf(res.locals);
  return isProgram(res) ? `program:${programId}` : `api_key:${programId}`;
};

/**
 * The program, the actor and the request's id, for the events a command appends; and the Idempotency-Key's seed when it
 * has one.
 */
export const commandContext = (req: Request, res: Response): CommandContext => {
  const seed = res.locals.idempotencySeed as unknown;
  return {
    tenantId: programIdOf(res.locals),
    actor: actorOf(res),
    correlationId: String(res.locals.requestId ?? req.get('X-Request-Id') ?? ''),
    ...(typeof seed === 'string' ? { idempotencySeed: seed } : {}),
  };
};
