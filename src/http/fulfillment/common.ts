import type { Request } from 'express';
import { z } from 'zod';
import { seedSandboxCatalogue } from '../../commands/fulfillment/catalogue.js';
import { loadDataBox, onceRetried } from '../../commands/fulfillment/data-box.js';
import type { FulfillmentDeps } from '../../commands/fulfillment/place-order.js';
import { sandboxProvider } from '../../commands/fulfillment/provider.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { OrderTrailFilter } from '../../projections/fulfillment/paging.js';
import { FULFILLMENT_PROJECTION } from '../../projections/fulfillment/projection.js';
import type { ApiContext } from '../context.js';
import { fromHundredths } from '../conventions/money.js';
import { paginationSchema, SORTING_LIMIT } from '../conventions/pagination.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import { HttpError } from '../errors.js';
import { ReadFence } from './fence.js';
import { isUuid } from '../../platform/uuid.js';

export interface Fulfillment {
  readonly deps: () => Promise<FulfillmentDeps>;
  /** Resolves once the sandbox rewards are listed and projected. */
  readonly sandboxReady: () => Promise<void>;
  readonly settled: (position: Position | undefined) => Promise<void>;
  /** The writes answered without waiting for the read model, which later reads of the program wait for. */
  readonly fence: ReadFence;
}

export function fulfillmentOf(ctx: ApiContext): Fulfillment {
  const box = onceRetried(() => loadDataBox(ctx.knex, ctx.config.FULFILLMENT_DATA_KEY));
  const settled = readYourWrites(ctx, [FULFILLMENT_PROJECTION]);
  const sandboxReady = onceRetried(async () => settled(await seedSandboxCatalogue(ctx)));
  // Listed at start, in the background; a request that needs the catalogue waits for it.
  sandboxReady().catch((error: unknown) => ctx.logger.warn({ err: error }, 'sandbox catalogue not listed yet'));
  return {
    deps: async () => ({ store: ctx.store, clock: ctx.clock, box: await box(), provider: sandboxProvider }),
    sandboxReady,
    settled,
    fence: new ReadFence(settled),
  };
}

/** A query that does not parse answers 400 bad_request here (api-fulfillment.md's error table), a detail per field. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new HttpError('bad_request', 'the query does not parse', details);
}

/** Every list here: `page × per_page` above 5000 answers 400 sorting_limit_exceeded. */
export function pageOf(query: unknown): { page: number; per_page: number; offset: number } {
  const { page, per_page } = parseQuery(paginationSchema, query);
  if (page * per_page > SORTING_LIMIT)
    throw new HttpError('sorting_limit_exceeded', `page × per_page may not exceed ${SORTING_LIMIT}`);
  return { page, per_page, offset: (page - 1) * per_page };
}

/** The program's row by id, or 404 `<what> not found`; an id that is no uuid names nothing. */
export const ownRowOf =
  <Row>(
    ctx: ApiContext,
    find: (knex: ApiContext['knex'], programId: string, id: string) => Promise<Row | undefined>,
    what: string,
  ) =>
  async (programId: string, id: string): Promise<Row> => {
    const row = isUuid(id) ? await find(ctx.knex, programId, id) : undefined;
    if (!row) throw new HttpError('not_found', `${what} not found`);
    return row;
  };

/** A list's filters and page from its query: 400 bad_request when it does not parse, or past the sorting limit. */
export function listRequest<T extends z.ZodType>(query: unknown, filters: T) {
  const page = pageOf(query);
  return { q: parseQuery(filters, query), page, slice: { offset: page.offset, limit: page.per_page } };
}

/** What orders and redemptions are both filtered by (their trail), from their list query. */
export const trailFilterOf = (q: {
  readonly promotion_id?: string | undefined;
  readonly order_id?: string | undefined;
  readonly user_id?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}): OrderTrailFilter => ({
  promotionId: q.promotion_id,
  orderId: q.order_id,
  userId: q.user_id,
  from: q.from,
  to: q.to,
});

export const amount = (minor: number | string): string => fromHundredths(Number(minor));
export const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

/** Request bodies are wrapped in `data`, as Ifeelgoods v2 wraps them: a flat body answers 422. */
export const wrapped = <T extends z.ZodType>(data: T) => z.strictObject({ data });

/** Where this API is reached from outside: PUBLIC_BASE_URL, else the request's own scheme and host. */
export const baseUrlOf = (ctx: ApiContext, req: Request): string =>
  ctx.config.PUBLIC_BASE_URL?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
