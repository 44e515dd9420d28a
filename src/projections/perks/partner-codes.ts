import type { Knex } from 'knex';
import { programRowFinder } from '../shared/rows.js';
import type { PartnerCodeFields } from '../../domain/perks/events.js';

export interface PartnerCodeRow {
  id: string;
  program_id: string;
  code: string;
  partner_name: string | null;
  latitude: number | null;
  longitude: number | null;
  radius_km: number | null;
  cities: Array<{ name: string; latitude: number; longitude: number }>;
  trial_months: number;
  gift_months: number;
  active: boolean;
  version: string;
}

export const findPartnerCodeRow = programRowFinder<PartnerCodeRow>('rm_partner_codes');

/** Every code of the program spelt `code`, whatever the case (a program may keep several, e.g. one per region). */
export async function partnerCodesNamed(knex: Knex, programId: string, code: string): Promise<PartnerCodeRow[]> {
  return knex('rm_partner_codes')
    .where({ program_id: programId })
    .whereRaw('lower(code) = lower(?)', [code.trim()])
    .orderBy('created_at')
    .select<PartnerCodeRow[]>('*');
}

/** The row as the domain's fields, for `partnerCodeUsableAt`. */
export function partnerCodeFieldsOf(row: PartnerCodeRow): PartnerCodeFields {
  return {
    code: row.code,
    partnerName: row.partner_name,
    latitude: row.latitude,
    longitude: row.longitude,
    radiusKm: row.radius_km,
    cities: row.cities,
    trialMonths: row.trial_months,
    giftMonths: row.gift_months,
    active: row.active,
  };
}
