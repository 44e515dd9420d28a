import type { Knex } from 'knex';
import { isUuid } from '../../platform/uuid.js';
import { partnerCodesNamed } from './partner-codes.js';

/*
 * What the members context reads from the catalogue (causes, partner codes,
 * uses): the perks context owns these tables and keeps these signatures.
 */

export interface CauseSummary {
  readonly id: string;
  readonly name: string;
  readonly city: string | null;
  readonly picture: string | null;
  readonly logo: string | null;
}

export async function findCauseSummary(
  knex: Knex,
  programId: string,
  causeId: string,
): Promise<CauseSummary | undefined> {
  if (!isUuid(causeId)) return undefined;
  return knex('rm_causes')
    .where({ program_id: programId, id: causeId })
    .first<CauseSummary | undefined>('id', 'name', 'city', 'picture', 'logo');
}

export interface PartnerCodeTerms {
  readonly code: string;
  readonly partnerName: string | null;
  readonly trialMonths: number;
  readonly giftMonths: number;
  readonly active: boolean;
}

/** Codes match case-insensitively; an active code is preferred over an inactive one of the same spelling. */
export async function findPartnerCode(
  knex: Knex,
  programId: string,
  code: string,
): Promise<PartnerCodeTerms | undefined> {
  const rows = await partnerCodesNamed(knex, programId, code);
  const row = rows.find((r) => r.active) ?? rows[0];
  return (
    row && {
      code: row.code,
      partnerName: row.partner_name,
      trialMonths: row.trial_months,
      giftMonths: row.gift_months,
      active: row.active,
    }
  );
}

export interface UseWithoutFeedback {
  readonly id: string;
  readonly perkName: string;
  readonly businessName: string;
  readonly createdAt: Date;
}

/** The member's uses that have no feedback yet, newest first. */
export async function usesWithoutFeedback(
  knex: Knex,
  programId: string,
  memberId: string,
): Promise<UseWithoutFeedback[]> {
  if (!isUuid(memberId)) return [];
  return knex('rm_perk_uses')
    .where({ program_id: programId, member_id: memberId })
    .whereNull('feedback')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .select<UseWithoutFeedback[]>({
      id: 'id',
      perkName: 'perk_name',
      businessName: 'business_name',
      createdAt: 'created_at',
    });
}
