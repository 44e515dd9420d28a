import type { Migration } from '../../platform/db.js';
import { causesMigration, causesProjection } from '../causes/causes.js';
import type { Projection } from '../projection.js';
import { perksProjection } from './catalogue.js';
import { catalogueMigration, geoExtensionsMigration } from './migration.js';

export const perksProjections: readonly Projection[] = [perksProjection, causesProjection];
export const perksMigrations: readonly Migration[] = [geoExtensionsMigration, catalogueMigration, causesMigration];
