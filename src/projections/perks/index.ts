import { causesProjection } from '../causes/causes.js';
import { causesMigration } from '../causes/causes/migrations/0102_rm_causes.js';
import type { ProjectionsModule } from '../index.js';
import { perksProjection } from './catalogue.js';
import { geoExtensionsMigration } from './catalogue/migrations/0100_geo_extensions.js';
import { catalogueMigration } from './catalogue/migrations/0101_rm_perks_catalogue.js';

/** Perks and causes: the catalogue a member browses. */
export const perksProjections: ProjectionsModule = {
  projections: [perksProjection, causesProjection],
  migrations: [geoExtensionsMigration, catalogueMigration, causesMigration],
};
