import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { seedSandboxCatalogue } from '../../commands/fulfillment/catalogue.js';
import type { FulfillmentDeps } from '../../commands/fulfillment/place-order.js';
import { sandboxProvider } from '../../commands/fulfillment/provider.js';
import type { Position } from '../../platform/eventstore/types.js';
import { createSecretBox, parseSecretsKey, type SecretBox } from '../../platform/secret-box.js';
import { FULFILLMENT_PROJECTION } from '../../projections/fulfillment/projection.js';
import type { ApiContext } from '../context.js';
import { fromHundredths } from '../conventions/money.js';
import { paginationSchema, SORTING_LIMIT } from '../conventions/pagination.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import { HttpError } from '../errors.js';

const PURPOSE = 'fulfillment-data';

/**
 * The key that seals codes, claim codes and emails: FULFILLMENT_DATA_KEY (32 bytes, base64) when set, else a key
 * generated at first use and kept in the database, as SECRETS_KEY is (the first of two racing processes wins).
 */
export async function loadDataBox(knex: Knex, configured = process.env.FULFILLMENT_DATA_KEY): Promise<SecretBox> {
  if (configured) return createSecretBox(parseSecretsKey(configured));
  const read = () =>
    knex('gs_secret_keys').where({ purpose: PURPOSE }).first<{ key_base64: string } | undefined>('key_base64');
  const stored = await read();
  if (stored) return createSecretBox(Buffer.from(stored.key_base64, 'base64'));
  const key = randomBytes(32);
  const kid = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  await knex('gs_secret_keys')
    .insert({ purpose: PURPOSE, kid, key_base64: key.toString('base64') })
    .onConflict('purpose')
    .ignore();
  const winner = await read();
  if (!winner) throw new Error('the fulfillment data key could not be stored');
  return createSecretBox(Buffer.from(winner.key_base64, 'base64'));
}

/** Loaded once per app, retried after a failure; the sandbox catalogue is listed once the same way. */
function onceRetried<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}

export interface Fulfillment {
  readonly deps: () => Promise<FulfillmentDeps>;
  /** Resolves once the sandbox rewards are listed and projected. */
  readonly sandboxReady: () => Promise<void>;
  readonly settled: (position: Position | undefined) => Promise<void>;
}

export function fulfillmentOf(ctx: ApiContext): Fulfillment {
  const box = onceRetried(() => loadDataBox(ctx.knex));
  const settled = readYourWrites(ctx, [FULFILLMENT_PROJECTION]);
  const sandboxReady = onceRetried(async () => settled(await seedSandboxCatalogue(ctx)));
  // Listed at start, in the background; a request that needs the catalogue waits for it.
  sandboxReady().catch((error: unknown) => ctx.logger.warn({ err: error }, 'sandbox catalogue not listed yet'));
  return {
    deps: async () => ({ store: ctx.store, clock: ctx.clock, box: await box(), provider: sandboxProvider }),
    sandboxReady,
    settled,
  };
}

/** Every list here: `page × per_page` above 5000 answers 400 sorting_limit_exceeded. */
export function pageOf(query: unknown): { page: number; per_page: number; offset: number } {
  const { page, per_page } = paginationSchema.parse(query ?? {});
  if (page * per_page > SORTING_LIMIT)
    throw new HttpError('sorting_limit_exceeded', `page × per_page may not exceed ${SORTING_LIMIT}`);
  return { page, per_page, offset: (page - 1) * per_page };
}

export const amount = (minor: number | string): string => fromHundredths(Number(minor));
export const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Request bodies are wrapped in `data`, as Ifeelgoods v2 wraps them: a flat body answers 422. */
export const wrapped = <T extends z.ZodType>(data: T) => z.strictObject({ data });
