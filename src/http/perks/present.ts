import { PERK_DETAIL_NAMES } from '../../domain/perks/events.js';
import { whyUnusable } from '../../domain/perks/usability.js';
import type { PartnerCodeRow } from '../../projections/perks/partner-codes.js';
import type { AddressRow, BusinessCategoryRow, BusinessRow, PerkRow, UseRow } from '../../projections/perks/queries.js';

export const presentBusinessCategory = (row: BusinessCategoryRow) => ({
  id: row.id,
  name: row.name,
  color: row.color,
  marker_symbol: row.marker_symbol,
  picture: row.picture,
  active: row.active,
});

const pointOf = (a: AddressRow) => ({ id: a.id, latitude: a.latitude, longitude: a.longitude });

export const presentAddress = (a: AddressRow) => ({
  id: a.id,
  street: a.street,
  zipcode: a.zipcode,
  city: a.city,
  latitude: a.latitude,
  longitude: a.longitude,
  main: a.main,
  timetables: a.timetables.map((t) => ({ day: t.day, start_at: t.startAt, end_at: t.endAt })),
});

/** Views are not counted yet: reading a perk records nothing. */
const NB_VIEWS = 0;

const perkSummary = (p: PerkRow) => ({
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
  const terms = { active: perk.active, flash: perk.flash, timesRemaining: perk.times_remaining, startDate: perk.start_date, endDate: perk.end_date };
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

/** One business of GET /v1/businesses: its points, labels and a summary of its perks. */
export const presentBusinessSummary = (b: BusinessRow & { distance: number | null }, addresses: AddressRow[], perks: PerkRow[]) => ({
  id: b.id,
  email: b.email,
  name: b.name,
  activity: b.activity,
  picture: b.picture,
  business_category_id: b.business_category_id,
  like: b.like_count,
  online: b.online,
  shop: b.shop,
  itinerant: b.itinerant,
  distance_km: b.distance === null ? null : Math.round(b.distance) / 1000,
  addresses: addresses.map(pointOf),
  labels: b.labels.map((label) => ({ name: label })),
  perks: perks.map(perkSummary),
});

/** GET /v1/businesses/:id: the business, the address asked for (or the main one), its perks in detail. */
export const presentBusinessDetail = (b: BusinessRow, address: AddressRow | undefined, addresses: AddressRow[], perks: ReturnType<typeof presentPerk>[]) => ({
  id: b.id,
  name: b.name,
  activity: b.activity,
  url: b.url,
  phone: b.phone,
  email: b.email,
  description: b.description,
  business_category_id: b.business_category_id,
  facebook: b.facebook,
  twitter: b.twitter,
  instagram: b.instagram,
  leader_first_name: b.leader_first_name,
  leader_last_name: b.leader_last_name,
  leader_description: b.leader_description,
  online: b.online,
  shop: b.shop,
  itinerant: b.itinerant,
  picture: b.picture,
  leader_picture: b.leader_picture,
  like: b.like_count,
  unlike: b.unlike_count,
  link_video: b.link_video,
  active: b.active,
  address: address ? presentAddress(address) : null,
  addresses: addresses.map(presentAddress),
  labels: b.labels.map((label) => ({ name: label, picture: null })),
  perks,
});

export const presentUse = (u: UseRow) => ({
  id: u.id,
  perk_id: u.perk_id,
  perk_name: u.perk_name,
  business_id: u.business_id,
  business_name: u.business_name,
  feedback: u.feedback,
  created_at: u.created_at.toISOString(),
  feedback_at: u.feedback_at?.toISOString() ?? null,
});

export const presentPartnerCode = (c: PartnerCodeRow) => ({
  id: c.id,
  code_partner: c.code,
  partner_name: c.partner_name,
  latitude: c.latitude,
  longitude: c.longitude,
  radius_km: c.radius_km,
  cities: c.cities,
  trial_months: c.trial_months,
  gift_months: c.gift_months,
  active: c.active,
});
