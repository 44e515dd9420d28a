import type { Config } from '../../platform/config.js';
import { lazySecretBox, type SecretBox } from '../../platform/secret-box.js';
import type { ApiContext } from '../context.js';
import { readYourWrites } from '../conventions/read-your-writes.js';

export { commandContext, programOf } from '../auth/command-context.js';

/** Read-your-writes: the answer waits until the projection has applied the command's events. */
export const settler = (ctx: ApiContext, projection: 'giving-plans' | 'giving-contacts') =>
  readYourWrites(ctx, [projection]);

/** The box that seals card tokens, loaded once (SECRETS_KEY, or the key kept in the database). */
export const secretBoxOf = (ctx: Pick<ApiContext, 'knex' | 'config'>): (() => Promise<SecretBox>) =>
  lazySecretBox(ctx.knex, ctx.config.SECRETS_KEY);

export const isoDate = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Where campaign pages and user profiles are published. */
export const publicBaseUrl = (config: Pick<Config, 'PUBLIC_BASE_URL'>): string =>
  config.PUBLIC_BASE_URL ?? 'https://give.goodstream.example';

/** A person a body names (a manager, a supporter, a contact) as the commands name it; a phone left out is null. */
export const personInput = <Email>(body: {
  readonly first_name: string;
  readonly last_name: string;
  readonly email: Email;
  readonly phone?: string | null | undefined;
}) => ({ firstName: body.first_name, lastName: body.last_name, email: body.email, phone: body.phone ?? null });
