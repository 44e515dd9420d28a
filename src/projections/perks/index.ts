import type { Migration } from '../../platform/db.js';
import type { Projection } from '../projection.js';

export const perksProjections: readonly Projection[] = [];
export const perksMigrations: readonly Migration[] = [];
