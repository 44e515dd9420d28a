import type { Knex } from 'knex';
import { causeTotalDonation, memberDonations } from '../../projections/members/donations.js';
import { isMemberNow, partnerPeriod, type MemberRow } from '../../projections/members/queries.js';
import { findCauseSummary, usesWithoutFeedback, type CauseSummary } from '../../projections/perks/for-members.js';
import { presentMember, type ProfileExtras } from './present.js';

/** Reads what the profile shows besides the member's row: cause, donations, partner periods, uses to rate. */
export async function profileExtras(knex: Knex, member: MemberRow, now: Date = new Date()): Promise<ProfileExtras> {
  const { programId } = member;
  const [isMember, donations, partner, uses] = await Promise.all([
    isMemberNow(knex, member, now),
    memberDonations(knex, programId, member.id),
    partnerPeriod(knex, member),
    usesWithoutFeedback(knex, programId, member.id),
  ]);
  const causeIds = new Set([...(member.causeId ? [member.causeId] : []), ...donations.flatMap((d) => (d.causeId ? [d.causeId] : []))]);
  const summaries = new Map<string, CauseSummary | undefined>();
  for (const id of causeIds) summaries.set(id, await findCauseSummary(knex, programId, id));
  const causeNames = new Map([...summaries].flatMap(([id, summary]) => (summary ? [[id, summary.name] as const] : [])));
  const cause = member.causeId ? summaries.get(member.causeId) : undefined;
  const causeTotal = member.causeId ? await causeTotalDonation(knex, programId, member.causeId) : 0;
  return { isMember, cause, causeTotal, donations, causeNames, partner, usesWithoutFeedback: uses };
}

export async function presentProfile(knex: Knex, member: MemberRow) {
  return presentMember(member, await profileExtras(knex, member));
}
