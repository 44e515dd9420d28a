import type { Migration } from '../platform/db.js';
import type { Projection } from './projection.js';

/** What a context's projections/<ctx>/index.ts exports: its read models and the tables they need. */
export interface ProjectionsModule {
  readonly projections: readonly Projection[];
  readonly migrations: readonly Migration[];
}
