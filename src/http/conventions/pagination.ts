import { z } from 'zod';
import { HttpError } from '../errors.js';

/** The most rows one sorted request may cover (the contract's `sorting_limit_exceeded`). */
export const SORTING_LIMIT = 5000;

export const paginationSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface ListQuery {
  readonly page: number;
  readonly per_page: number;
  readonly offset: number;
  /** Empty when the client asked for no sort (the route's natural, indexed order). */
  readonly sort: readonly SortKey[];
}

/**
 * `sort=-created_at,name`: fields the route allows, `-` for descending.
 * An unknown field throws a ZodError, which answers 422 `invalid_request`.
 */
export function sortSchema(sortable: readonly string[]) {
  return z
    .string()
    .optional()
    .transform((value, ctx): SortKey[] => {
      if (!value) return [];
      const keys: SortKey[] = [];
      for (const part of value.split(',')) {
        const desc = part.startsWith('-');
        const field = desc ? part.slice(1) : part;
        if (!sortable.includes(field)) {
          ctx.addIssue({
            code: 'custom',
            message: `cannot sort by "${field}"; sortable: ${sortable.join(', ') || 'none'}`,
          });
          return z.NEVER;
        }
        keys.push({ field, direction: desc ? 'desc' : 'asc' });
      }
      return keys;
    });
}

/** Parses `page`, `per_page` (1..100, default 20) and `sort` from a query string. */
export function parseListQuery(query: unknown, sortable: readonly string[] = []): ListQuery {
  const { page, per_page, sort } = paginationSchema.extend({ sort: sortSchema(sortable) }).parse(query ?? {});
  return { page, per_page, offset: (page - 1) * per_page, sort };
}

/**
 * 400 `sorting_limit_exceeded` when a requested sort would order more than
 * 5000 rows: call it with the count of rows the filter matches, before sorting.
 */
export function assertSortingLimit(query: ListQuery, matchingRows: number): void {
  if (query.sort.length > 0 && matchingRows > SORTING_LIMIT) {
    throw new HttpError(
      'sorting_limit_exceeded',
      `the number of rows to sort (${matchingRows}) exceeds the sorting limit (${SORTING_LIMIT} rows); narrow the query or drop the sort`,
    );
  }
}
