import type { ApiContext } from '../context.js';
import { lazySecretBox, type SecretBox } from '../../platform/secret-box.js';
import { findHubOfProgram, type HubView } from '../../projections/hub/hubs/queries.js';
import { HttpError } from '../errors.js';

export { commandContext, programOf } from '../auth/command-context.js';

/** The program's hub, or 404 when it runs none yet. */
export async function hubOfProgram(ctx: Pick<ApiContext, 'knex'>, programId: string): Promise<HubView> {
  const hub = await findHubOfProgram(ctx.knex, programId);
  if (!hub) throw new HttpError('not_found', 'this program runs no hub yet (POST /v1/hub)');
  return hub;
}

/** The box that seals hub secrets, loaded once (SECRETS_KEY, or the key kept in the database). */
export const secretBoxOf = (ctx: Pick<ApiContext, 'knex' | 'config'>): (() => Promise<SecretBox>) =>
  lazySecretBox(ctx.knex, ctx.config.SECRETS_KEY);
