import type { Knex } from 'knex';

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
  readonly picture: string | null;
  readonly causeId: string | null;
  readonly subscription: 'M' | 'Y' | null;
  /** Minor units per period. */
  readonly amount: number | null;
  readonly currency: string | null;
  readonly subscribedSince: Date | null;
  readonly ambassador: boolean;
  readonly trialDone: boolean;
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
  picture: string | null;
  cause_id: string | null;
  subscription: 'M' | 'Y' | null;
  amount: string | null;
  currency: string | null;
  subscribed_since: Date | null;
  ambassador: boolean;
  trial_done: boolean;
  password_hash: string;
  registered_at: Date;
  version: string;
}

const toMember = (row: Row): MemberRow => ({
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
  picture: row.picture,
  causeId: row.cause_id,
  subscription: row.subscription,
  amount: row.amount === null ? null : Number(row.amount),
  currency: row.currency,
  subscribedSince: row.subscribed_since,
  ambassador: row.ambassador,
  trialDone: row.trial_done,
  registeredAt: row.registered_at,
  version: Number(row.version),
});

const normalise = (email: string): string => email.trim().toLowerCase();

/** Scoped by program: another program's member does not exist for this one. */
export async function findMember(knex: Knex, programId: string, id: string): Promise<MemberRow | undefined> {
  const row = await knex<Row>('rm_members').where({ program_id: programId, id }).first();
  return row && toMember(row);
}

export async function memberEmailExists(knex: Knex, programId: string, email: string): Promise<boolean> {
  const row = await knex<Row>('rm_members').where({ program_id: programId, email: normalise(email) }).first<Pick<Row, 'id'> | undefined>('id');
  return row !== undefined;
}

/** For sign-in only: the one place the password hash is read. */
export async function findSignInCandidate(knex: Knex, programId: string, email: string): Promise<{ id: string; email: string; passwordHash: string } | undefined> {
  const row = await knex<Row>('rm_members')
    .where({ program_id: programId, email: normalise(email) })
    .first<Pick<Row, 'id' | 'email' | 'password_hash'> | undefined>('id', 'email', 'password_hash');
  return row && { id: row.id, email: row.email, passwordHash: row.password_hash };
}

export interface MemberSession {
  readonly sessionId: string;
  readonly memberId: string;
  readonly programId: string;
  readonly email: string;
}

/** An active session by the digest of its token. */
export async function findSessionByTokenDigest(knex: Knex, digest: string): Promise<MemberSession | undefined> {
  return knex('rm_member_sessions as s')
    .join('rm_members as m', 'm.id', 's.member_id')
    .where({ 's.token_digest': digest, 's.active': true })
    .first<MemberSession | undefined>({ sessionId: 's.id', memberId: 's.member_id', programId: 's.program_id', email: 'm.email' });
}

export async function findActiveSession(knex: Knex, sessionId: string): Promise<MemberSession | undefined> {
  return knex('rm_member_sessions as s')
    .join('rm_members as m', 'm.id', 's.member_id')
    .where({ 's.id': sessionId, 's.active': true })
    .first<MemberSession | undefined>({ sessionId: 's.id', memberId: 's.member_id', programId: 's.program_id', email: 'm.email' });
}

/**
 * Whether the member holds an active, paid-up subscription ("member": true):
 * what perks and uses ask of the members context.
 */
export async function isActiveMember(knex: Knex, programId: string, memberId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) return false;
  const row = await knex('rm_members').where({ id: memberId, program_id: programId }).whereNotNull('subscription').first<{ id: string } | undefined>('id');
  return row !== undefined;
}
