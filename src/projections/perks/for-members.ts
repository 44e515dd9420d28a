import type { Knex } from 'knex';

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

export function findCauseSummary(_knex: Knex, _programId: string, _causeId: string): Promise<CauseSummary | undefined> {
  // Implemented with the causes read model.
  return Promise.resolve(undefined);
}

export interface PartnerCodeTerms {
  readonly code: string;
  readonly partnerName: string | null;
  readonly trialMonths: number;
  readonly giftMonths: number;
  readonly active: boolean;
}

/** Codes match case-insensitively. */
export function findPartnerCode(_knex: Knex, _programId: string, _code: string): Promise<PartnerCodeTerms | undefined> {
  return Promise.resolve(undefined);
}

export interface UseWithoutFeedback {
  readonly id: string;
  readonly perkName: string;
  readonly businessName: string;
  readonly createdAt: Date;
}

/** The member's uses that have no feedback yet, newest first. */
export function usesWithoutFeedback(_knex: Knex, _programId: string, _memberId: string): Promise<UseWithoutFeedback[]> {
  return Promise.resolve([]);
}
