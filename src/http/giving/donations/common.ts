import type { Response } from 'express';
import type { Config } from '../../../platform/config.js';
import { HttpError } from '../../errors.js';

export const programOf = (res: Response): string => {
  const id = res.locals.programId as unknown;
  if (typeof id !== 'string') throw new HttpError('unauthorized', 'program credentials are required');
  return id;
};

export { commandContext } from '../../auth/command-context.js';

/** Where campaign pages and user profiles are published. */
export const publicBaseUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>): string => config.PUBLIC_BASE_URL ?? 'https://give.goodstream.example';
