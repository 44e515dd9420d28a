import { PERK_DETAIL_NAMES } from '../../../domain/perks/events.js';
import { whyUnusable } from '../../../domain/perks/usability.js';
import type { PerkRow } from '../../../projections/perks/queries.js';

/** Views are not counted yet: reading a perk records nothing. */
const NB_VIEWS = 0;

export const perkSummary = (p: PerkRow) => ({
  id: p.id,
  name: p.name,
  flash: p.flash,
  times_remaining: p.times_remaining,
  picture: p.picture,
  offer: p.offer,
  nb_views: NB_VIEWS,
});

/** Whether the perk is usable today by the caller: never without an active member. */
export function usableForUser(perk: PerkRow, activeMember: boolean, now: Date): boolean {
  const terms = {
    active: perk.active,
    flash: perk.flash,
    timesRemaining: perk.times_remaining,
    startDate: perk.start_date,
    endDate: perk.end_date,
  };
  return whyUnusable(terms, { activeMember, now: now.toISOString() }) === null;
}

export const presentPerk = (p: PerkRow, usable: boolean) => ({
  id: p.id,
  business_id: p.business_id,
  name: p.name,
  description: p.description,
  times: p.times,
  start_date: p.start_date,
  end_date: p.end_date,
  active: p.active,
  perk_code: p.perk_code,
  nb_views: NB_VIEWS,
  appel: p.appel,
  durable: p.durable,
  flash: p.flash,
  perk_detail_id: p.perk_detail_id,
  perk_detail_name: PERK_DETAIL_NAMES[p.perk_detail_id],
  all_day: p.all_day,
  picture: p.picture,
  times_remaining: p.times_remaining,
  offer: p.offer,
  usable_for_user: usable,
});
