import type { Request, Response } from 'express';
import type { CommandContext } from '../../../commands/handle.js';
import type { Config } from '../../../platform/config.js';
import { HttpError } from '../../errors.js';

export const programOf = (res: Response): string => {
  const id = res.locals.programId as unknown;
  if (typeof id !== 'string') throw new HttpError('unauthorized', 'program credentials are required');
  return id;
};

export const commandContext = (req: Request, res: Response): CommandContext => ({
  tenantId: programOf(res),
  actor: `program:${programOf(res)}`,
  correlationId: String(res.locals.requestId ?? req.get('X-Request-Id') ?? ''),
});

/** Where campaign pages and user profiles are published. */
export const publicBaseUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>): string => config.PUBLIC_BASE_URL ?? 'https://give.goodstream.example';
