import type { Knex } from 'knex';
import { parseEvent } from '../../domain/shared/events.js';
import { tenancyEvents, type ProgramSettings } from '../../domain/tenancy/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';
import { isUuid } from '../../platform/uuid.js';

export const programsProjection: Projection = {
  name: 'programs',
  version: 2,
  eventTypes: ['ProgramCreated', 'SigningKeyRegistered'],
  tables: ['rm_programs'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const parsed = parseEvent(tenancyEvents, event.type, event.data);
    const version = event.revision.toString();
    switch (parsed?.type) {
      case 'ProgramCreated': {
        const { programId, name, apiKey, apiSecretDigest, settings, createdAt } = parsed.data;
        await trx('rm_programs')
          .insert({
            id: programId,
            name,
            api_key: apiKey,
            api_secret_digest: apiSecretDigest,
            settings,
            created_at: createdAt,
            version,
          })
          .onConflict('id')
          .ignore();
        return;
      }
      case 'SigningKeyRegistered': {
        const { programId, publicKeyPem, keyId, registeredAt } = parsed.data;
        // The stored revision makes a replayed event change nothing.
        await trx('rm_programs').where({ id: programId }).andWhere('version', '<', version).update({
          signing_key_id: keyId,
          signing_public_key: publicKeyPem,
          signing_key_registered_at: registeredAt,
          version,
        });
        return;
      }
      case undefined:
        return;
    }
  },
};

export interface ProgramSigningKey {
  readonly keyId: string;
  readonly publicKeyPem: string;
  readonly registeredAt: Date;
}

export interface ProgramRow {
  readonly id: string;
  readonly name: string;
  readonly apiKey: string;
  readonly settings: ProgramSettings;
  readonly signingKey: ProgramSigningKey | null;
  readonly createdAt: Date;
  readonly version: number;
}

interface Row {
  id: string;
  name: string;
  api_key: string;
  api_secret_digest: string;
  settings: ProgramSettings;
  signing_key_id: string | null;
  signing_public_key: string | null;
  signing_key_registered_at: Date | null;
  created_at: Date;
  version: string;
}

const toProgram = (row: Omit<Row, 'api_secret_digest'>): ProgramRow => ({
  id: row.id,
  name: row.name,
  apiKey: row.api_key,
  settings: row.settings,
  signingKey:
    row.signing_key_id && row.signing_public_key && row.signing_key_registered_at
      ? { keyId: row.signing_key_id, publicKeyPem: row.signing_public_key, registeredAt: row.signing_key_registered_at }
      : null,
  createdAt: row.created_at,
  version: Number(row.version),
});

/*
 * Read on most requests, so prepared once per connection; the columns are named,
 * since a prepared `*` whose columns changed under it fails until a restart.
 */
const PROGRAM_COLUMNS = [
  'id',
  'name',
  'api_key',
  'settings',
  'signing_key_id',
  'signing_public_key',
  'signing_key_registered_at',
  'created_at',
  'version',
] as const satisfies ReadonlyArray<keyof Row>;

export async function findProgram(knex: Knex, id: string): Promise<ProgramRow | undefined> {
  if (!isUuid(id)) return undefined; // not a uuid: PostgreSQL would refuse the comparison
  const row = await knex<Row>('rm_programs')
    .where({ id })
    .options({ name: 'gs_program_by_id' })
    .first(...PROGRAM_COLUMNS);
  return row && toProgram(row);
}

export async function findProgramByApiKey(knex: Knex, apiKey: string): Promise<ProgramRow | undefined> {
  const row = await knex<Row>('rm_programs')
    .where({ api_key: apiKey })
    .options({ name: 'gs_program_by_api_key' })
    .first(...PROGRAM_COLUMNS);
  return row && toProgram(row);
}

/** Looked up by digest: the index finds it, and no secret is compared byte by byte in JS. */
export async function findProgramBySecretDigest(knex: Knex, digest: string): Promise<ProgramRow | undefined> {
  const row = await knex<Row>('rm_programs').where({ api_secret_digest: digest }).first();
  return row && toProgram(row);
}
