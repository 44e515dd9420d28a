/** What decides whether a perk may be used now, from the perk's side. */
export interface PerkTerms {
  readonly active: boolean;
  readonly flash: boolean;
  readonly timesRemaining: number;
  /** Inclusive UTC days, YYYY-MM-DD, or null for no bound. */
  readonly startDate: string | null;
  readonly endDate: string | null;
}

export interface UseContext {
  /** The member holds an active subscription. */
  readonly activeMember: boolean;
  /** ISO 8601 instant in UTC; only its day is compared with the perk's dates. */
  readonly now: string;
}

/** Why the perk cannot be used, or null when it can. The same rule answers `usable_for_user`. */
export function whyUnusable(perk: PerkTerms, context: UseContext): string | null {
  const today = context.now.slice(0, 10);
  if (!perk.active) return 'the perk is not active';
  if (perk.startDate !== null && today < perk.startDate.slice(0, 10)) return 'the perk has not started yet';
  if (perk.endDate !== null && today > perk.endDate.slice(0, 10)) return 'the perk has ended';
  if (perk.flash && perk.timesRemaining <= 0) return 'the flash perk has no uses left';
  if (!context.activeMember) return 'only members with an active subscription may use perks';
  return null;
}
