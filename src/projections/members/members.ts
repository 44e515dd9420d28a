import type { Knex } from 'knex';
import type { Migration } from '../../platform/db.js';
import { memberEvents } from '../../domain/members/events.js';
import { parseEvent } from '../../domain/shared/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';

export const membersMigration: Migration = {
  name: '0004_rm_members',
  async up(knex) {
    await knex.raw(`
      create table rm_members (
        id uuid primary key,
        program_id uuid not null,
        email text not null,
        first_name text not null,
        last_name text not null,
        city text not null,
        zipcode text not null,
        street text,
        phone text,
        birthday text,
        code_partner text,
        password_hash text not null,
        registered_at timestamptz not null,
        version bigint not null,
        unique (program_id, email)
      );
    `);
  },
};

export const membersProjection: Projection = {
  name: 'members',
  version: 1,
  eventTypes: ['MemberRegistered'],
  tables: ['rm_members'],
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const parsed = parseEvent(memberEvents, event.type, event.data);
    if (parsed?.type !== 'MemberRegistered') return;
    const { memberId, programId, profile, passwordHash, registeredAt } = parsed.data;
    await trx('rm_members')
      .insert({
        id: memberId,
        program_id: programId,
        email: profile.email,
        first_name: profile.firstName,
        last_name: profile.lastName,
        city: profile.city,
        zipcode: profile.zipcode,
        street: profile.street,
        phone: profile.phone,
        birthday: profile.birthday,
        code_partner: profile.codePartner,
        password_hash: passwordHash,
        registered_at: registeredAt,
        version: event.revision.toString(),
      })
      .onConflict('id')
      .ignore();
  },
};

export interface MemberRow {
  readonly id: string;
  readonly programId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly city: string;
  readonly zipcode: string;
  readonly street: string | null;
  readonly phone: string | null;
  readonly birthday: string | null;
  readonly codePartner: string | null;
  readonly registeredAt: Date;
  readonly version: number;
}

interface Row {
  id: string;
  program_id: string;
  email: string;
  first_name: string;
  last_name: string;
  city: string;
  zipcode: string;
  street: string | null;
  phone: string | null;
  birthday: string | null;
  code_partner: string | null;
  registered_at: Date;
  version: string;
}

/** Scoped by program: another program's member does not exist for this one. */
export async function findMember(knex: Knex, programId: string, id: string): Promise<MemberRow | undefined> {
  const row = await knex<Row>('rm_members').where({ program_id: programId, id }).first();
  if (!row) return undefined;
  return {
    id: row.id,
    programId: row.program_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    city: row.city,
    zipcode: row.zipcode,
    street: row.street,
    phone: row.phone,
    birthday: row.birthday,
    codePartner: row.code_partner,
    registeredAt: row.registered_at,
    version: Number(row.version),
  };
}

export async function memberEmailExists(knex: Knex, programId: string, email: string): Promise<boolean> {
  const row = await knex<Row>('rm_members').where({ program_id: programId, email: email.trim().toLowerCase() }).first<Pick<Row, 'id'> | undefined>('id');
  return row !== undefined;
}
