import { causesMigration, causesProjection } from '../causes/causes.js';
import type { ProjectionsModule } from '../index.js';
import { perksProjection } from './catalogue.js';
import { catalogueMigration, geoExtensionsMigration } from './migration.js';

/** Perks and causes: the catalogue a member browses. */
export const perksProjections: ProjectionsModule = { projections: [perksProjection, causesProjection], migrations: [geoExtensionsMigration, catalogueMigration, causesMigration] };
