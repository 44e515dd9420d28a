import { z } from '../openapi/registry.js';

/** Every list's paging: page × per_page above 5000 answers 400 sorting_limit_exceeded. */
export const pagingQuery = {
  page: z.number().int().min(1).max(5000).optional(),
  per_page: z.number().int().min(1).max(100).optional(),
};
