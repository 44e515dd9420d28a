import type { Knex } from 'knex';
import { addMonths } from '../../domain/members/billing.js';
import { findPartnerCode, type PartnerCodeTerms } from '../perks/for-members.js';
import { isUuid } from '../../platform/uuid.js';

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
  /** The due period was declined: not a member until a later attempt succeeds. */
  readonly pastDue: boolean;
  readonly pastDueSince: Date | null;
  readonly nextDueAt: Date | null;
  /** When the member gave the current partner code: its trial or gift runs from then. */
  readonly codePartnerSince: Date | null;
  readonly nbContacts: number;
  readonly sponsorCode: string | null;
  readonly registeredAt: Date;
  readonly version: number;
}

export interface MemberDbRow {
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
  past_due: boolean;
  past_due_since: Date | null;
  next_due_at: Date | null;
  code_partner_since: Date | null;
  nb_contacts: number;
  sponsor_code: string | null;
  password_hash: string;
  registered_at: Date;
  version: string;
}

/** Every column but the password hash, named: a prepared `*` whose columns changed under it fails until a restart. */
export const MEMBER_COLUMNS = [
  'id',
  'program_id',
  'email',
  'first_name',
  'last_name',
  'city',
  'zipcode',
  'street',
  'phone',
  'birthday',
  'code_partner',
  'picture',
  'cause_id',
  'subscription',
  'amount',
  'currency',
  'subscribed_since',
  'ambassador',
  'trial_done',
  'past_due',
  'past_due_since',
  'next_due_at',
  'code_partner_since',
  'nb_contacts',
  'sponsor_code',
  'registered_at',
  'version',
] as const satisfies ReadonlyArray<keyof MemberDbRow>;

export const toMember = (row: Omit<MemberDbRow, 'password_hash'>): MemberRow => ({
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
  pastDue: row.past_due,
  pastDueSince: row.past_due_since,
  nextDueAt: row.next_due_at,
  codePartnerSince: row.code_partner_since,
  nbContacts: Number(row.nb_contacts),
  sponsorCode: row.sponsor_code,
  registeredAt: row.registered_at,
  version: Number(row.version),
});

const normalise = (email: string): string => email.trim().toLowerCase();

/** Scoped by program: another program's member does not exist for this one. */
export async function findMember(knex: Knex, programId: string, id: string): Promise<MemberRow | undefined> {
  const row = await knex<MemberDbRow>('rm_members')
    .where({ program_id: programId, id })
    .options({ name: 'gs_member_by_id' })
    .first(...MEMBER_COLUMNS);
  return row && toMember(row);
}

export async function memberEmailExists(knex: Knex, programId: string, email: string): Promise<boolean> {
  const row = await knex<MemberDbRow>('rm_members')
    .where({ program_id: programId, email: normalise(email) })
    .first<Pick<MemberDbRow, 'id'> | undefined>('id');
  return row !== undefined;
}

/** For sign-in only: the one place the password hash is read. */
export async function findSignInCandidate(
  knex: Knex,
  programId: string,
  email: string,
): Promise<{ id: string; email: string; passwordHash: string } | undefined> {
  const row = await knex<MemberDbRow>('rm_members')
    .where({ program_id: programId, email: normalise(email) })
    .first<Pick<MemberDbRow, 'id' | 'email' | 'password_hash'> | undefined>('id', 'email', 'password_hash');
  return row && { id: row.id, email: row.email, passwordHash: row.password_hash };
}

export interface PartnerPeriod {
  readonly partnerName: string | null;
  readonly trialMonths: number;
  readonly giftMonths: number;
  readonly trialEnd: Date | null;
  readonly giftEnd: Date | null;
}

/** The trial and gift the partner code's terms grant, counted from when the member gave the code. */
export function partnerPeriodOf(
  member: Pick<MemberRow, 'codePartnerSince'>,
  terms: Pick<PartnerCodeTerms, 'partnerName' | 'trialMonths' | 'giftMonths'> | undefined,
): PartnerPeriod | undefined {
  if (!member.codePartnerSince || !terms || (terms.trialMonths <= 0 && terms.giftMonths <= 0)) return undefined;
  const since = member.codePartnerSince.toISOString();
  const end = (months: number) => (months > 0 ? new Date(addMonths(since, months)) : null);
  return {
    partnerName: terms.partnerName,
    trialMonths: terms.trialMonths,
    giftMonths: terms.giftMonths,
    trialEnd: end(terms.trialMonths),
    giftEnd: end(terms.giftMonths),
  };
}

/** "member" from what is already known: a paid-up subscription, or a partner trial or gift running at `now`. */
export function isMemberGiven(
  member: Pick<MemberRow, 'subscription' | 'pastDue'>,
  period: PartnerPeriod | undefined,
  now: Date,
): boolean {
  if (member.subscription !== null && !member.pastDue) return true;
  return [period?.trialEnd, period?.giftEnd].some((end) => end && end.getTime() > now.getTime());
}

/** The trial and gift the member's partner code grants, counted from when the member gave it. */
async function partnerPeriod(
  knex: Knex,
  member: Pick<MemberRow, 'programId' | 'codePartner' | 'codePartnerSince'>,
): Promise<PartnerPeriod | undefined> {
  if (!member.codePartner || !member.codePartnerSince) return undefined;
  return partnerPeriodOf(member, await findPartnerCode(knex, member.programId, member.codePartner));
}

/** "member": a paid-up subscription (not past due), or a partner trial or gift still running at `now`. */
async function isMemberNow(knex: Knex, member: MemberRow, now: Date = new Date()): Promise<boolean> {
  if (member.subscription !== null && !member.pastDue) return true;
  return isMemberGiven(member, await partnerPeriod(knex, member), now);
}

/**
 * Whether the member holds an active, paid-up subscription or a running trial
 * or gift ("member": true): what perks and uses ask of the members context.
 */
export async function isActiveMember(knex: Knex, programId: string, memberId: string): Promise<boolean> {
  if (!isUuid(memberId)) return false;
  const member = await findMember(knex, programId, memberId);
  return member !== undefined && isMemberNow(knex, member);
}
