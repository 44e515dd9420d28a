import type { ProjectionsModule } from '../index.js';
import { programSigningKeysMigration, programsMigration, programsProjection } from './programs.js';

export const tenancyProjections: ProjectionsModule = { projections: [programsProjection], migrations: [programsMigration, programSigningKeysMigration] };
