import type { ProjectionsModule } from '../index.js';
import { programsMigration } from './programs/migrations/0003_rm_programs.js';
import { programSigningKeysMigration } from './programs/migrations/0006_program_signing_keys.js';
import { programsProjection } from './programs.js';

export const tenancyProjections: ProjectionsModule = {
  projections: [programsProjection],
  migrations: [programsMigration, programSigningKeysMigration],
};
