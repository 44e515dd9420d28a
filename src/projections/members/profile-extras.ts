import type { Knex } from 'knex';
import type { CauseSummary, UseWithoutFeedback } from '../perks/for-members.js';
import type { MemberDonationRow } from './donations.js';
import {
  isMemberGiven,
  MEMBER_COLUMNS,
  partnerPeriodOf,
  toMember,
  type MemberDbRow,
  type MemberRow,
  type PartnerPeriod,
} from './queries.js';

/** What the profile shows besides the member's own row. */
export interface ProfileExtras {
  readonly isMember: boolean;
  readonly cause: CauseSummary | undefined;
  /** Minor units every member of the program has given to the member's cause. */
  readonly causeTotal: number;
  readonly donations: readonly MemberDonationRow[];
  /** Cause names by id, for the donations. */
  readonly causeNames: ReadonlyMap<string, string>;
  readonly partner: PartnerPeriod | undefined;
  readonly usesWithoutFeedback: readonly UseWithoutFeedback[];
}

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** A cause id as the causes table keys it: ids that are not uuids match nothing instead of failing the cast. */
const causeKey = (column: string): string => `(case when ${column} ~ '${UUID}' then ${column}::uuid end)`;

/*
 * One statement for the whole profile: a profile is read on every GET and after
 * every PATCH, and each round trip costs more than the rows it brings. It reads
 * the perks context's tables (causes, uses, partner codes) as for-members.ts does.
 * It is joined laterally to the member's row `m`.
 */
const EXTRAS_SELECT = `
  select
    (select coalesce(json_agg(json_build_object('id', d.id, 'cause_id', d.cause_id, 'plan', d.plan, 'amount', d.amount, 'donation', d.donation,
              'currency', d.currency, 'created_at', d.created_at, 'cause_name', c.name) order by d.created_at desc, d.id), '[]'::json)
       from (select * from rm_member_donations where program_id = m.program_id and member_id = m.id order by created_at desc, id limit 100) d
       left join rm_causes c on c.program_id = d.program_id and c.id = ${causeKey('d.cause_id')}) as donations,
    (select coalesce(json_agg(json_build_object('id', u.id, 'perk_name', u.perk_name, 'business_name', u.business_name, 'created_at', u.created_at)
              order by u.created_at desc, u.id desc), '[]'::json)
       from rm_perk_uses u where u.program_id = m.program_id and u.member_id = m.id and u.feedback is null) as uses,
    (select json_build_object('id', c.id, 'name', c.name, 'city', c.city, 'picture', c.picture, 'logo', c.logo)
       from rm_causes c where c.program_id = m.program_id and c.id = ${causeKey('m.cause_id')}) as cause,
    (select coalesce(sum(donation), 0) from rm_member_donations where program_id = m.program_id and cause_id = m.cause_id) as cause_total,
    (select json_build_object('partner_name', p.partner_name, 'trial_months', p.trial_months, 'gift_months', p.gift_months)
       from rm_partner_codes p where p.program_id = m.program_id and lower(p.code) = lower(trim(m.code_partner))
       order by p.active desc, p.created_at limit 1) as partner`;

/*
 * The member's row and its extras in one round trip, as a named (prepared)
 * statement: planning this many subqueries costs PostgreSQL about ten times
 * what running them does, and a prepared statement is planned once per connection.
 */
const PROFILE_SQL = `
  select ${MEMBER_COLUMNS.map((c) => `m.${c}`).join(', ')}, x.donations, x.uses, x.cause, x.cause_total, x.partner
  from rm_members m
  cross join lateral (${EXTRAS_SELECT}) x
  where m.program_id = ? and m.id = ?`;

interface Row {
  donations: Array<{
    id: string;
    cause_id: string | null;
    plan: 'M' | 'Y';
    amount: number;
    donation: number;
    currency: string;
    created_at: string;
    cause_name: string | null;
  }>;
  uses: Array<{ id: string; perk_name: string; business_name: string; created_at: string }>;
  cause: CauseSummary | null;
  cause_total: string;
  partner: { partner_name: string | null; trial_months: number; gift_months: number } | null;
}

export interface Profile {
  readonly member: MemberRow;
  readonly extras: ProfileExtras;
}

/** A member of the program with everything the profile shows; another program's member is not found. */
export async function findProfile(
  knex: Knex,
  programId: string,
  memberId: string,
  now: Date = new Date(),
): Promise<Profile | undefined> {
  const { rows } = await knex
    .raw<{ rows: Array<Row & MemberDbRow> }>(PROFILE_SQL, [programId, memberId])
    .options({ name: 'gs_member_profile' });
  if (!rows[0]) return undefined;
  const member = toMember(rows[0]);
  return { member, extras: extrasOf(member, rows[0], now) };
}

function extrasOf(member: MemberRow, row: Row, now: Date): ProfileExtras {
  const partner = partnerPeriodOf(
    member,
    row.partner
      ? {
          partnerName: row.partner.partner_name,
          trialMonths: row.partner.trial_months,
          giftMonths: row.partner.gift_months,
        }
      : undefined,
  );
  const donations = row.donations.map((d) => ({
    id: d.id,
    causeId: d.cause_id,
    plan: d.plan,
    amount: Number(d.amount),
    donation: Number(d.donation),
    currency: d.currency,
    createdAt: new Date(d.created_at),
  }));
  return {
    isMember: isMemberGiven(member, partner, now),
    cause: row.cause ?? undefined,
    causeTotal: Number(row.cause_total),
    donations,
    causeNames: new Map(
      row.donations.flatMap((d) => (d.cause_id && d.cause_name ? [[d.cause_id, d.cause_name] as const] : [])),
    ),
    partner,
    usesWithoutFeedback: row.uses.map((u) => ({
      id: u.id,
      perkName: u.perk_name,
      businessName: u.business_name,
      createdAt: new Date(u.created_at),
    })),
  };
}
