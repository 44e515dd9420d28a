import type { Knex } from 'knex';
import type { Migration } from '../../platform/db.js';
import { parseEvent } from '../../domain/shared/events.js';
import { tenancyEvents, type ProgramSettings } from '../../domain/tenancy/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';

export const programsMigration: Migration = {
  name: '0003_rm_programs',
  async up(knex) {
    await knex.raw(`
      create table rm_programs (
        id uuid primary key,
        name text not null,
        api_key text not null unique,
        api_secret_digest text not null unique,
        settings jsonb not null,
        created_at timestamptz not null,
        version bigint not null
      );
    `);
  },
};

export const programsProjection: Projection = {
  name: 'programs',
  version: 1,
  eventTypes: ['ProgramCreated'],
  tables: ['rm_programs'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const parsed = parseEvent(tenancyEvents, event.type, event.data);
    if (parsed?.type !== 'ProgramCreated') return;
    const { programId, name, apiKey, apiSecretDigest, settings, createdAt } = parsed.data;
    await trx('rm_programs')
      .insert({ id: programId, name, api_key: apiKey, api_secret_digest: apiSecretDigest, settings, created_at: createdAt, version: event.revision.toString() })
      .onConflict('id')
      .ignore();
  },
};

export interface ProgramRow {
  readonly id: string;
  readonly name: string;
  readonly apiKey: string;
  readonly settings: ProgramSettings;
  readonly createdAt: Date;
  readonly version: number;
}

interface Row {
  id: string;
  name: string;
  api_key: string;
  api_secret_digest: string;
  settings: ProgramSettings;
  created_at: Date;
  version: string;
}

const toProgram = (row: Row): ProgramRow => ({
  id: row.id,
  name: row.name,
  apiKey: row.api_key,
  settings: row.settings,
  createdAt: row.created_at,
  version: Number(row.version),
});

export async function findProgram(knex: Knex, id: string): Promise<ProgramRow | undefined> {
  const row = await knex<Row>('rm_programs').where({ id }).first();
  return row && toProgram(row);
}

export async function findProgramByApiKey(knex: Knex, apiKey: string): Promise<ProgramRow | undefined> {
  const row = await knex<Row>('rm_programs').where({ api_key: apiKey }).first();
  return row && toProgram(row);
}

/** Looked up by digest: the index finds it, and no secret is compared byte by byte in JS. */
export async function findProgramBySecretDigest(knex: Knex, digest: string): Promise<ProgramRow | undefined> {
  const row = await knex<Row>('rm_programs').where({ api_secret_digest: digest }).first();
  return row && toProgram(row);
}
