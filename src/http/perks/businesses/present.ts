import type { AddressRow, BusinessRow, PerkRow } from '../../../projections/perks/queries.js';
import { perkSummary, type presentPerk } from '../perks/present.js';

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

/** One business of GET /v1/businesses: its points, labels and a summary of its perks. */
export const presentBusinessSummary = (
  b: BusinessRow & { distance: number | null },
  addresses: AddressRow[],
  perks: PerkRow[],
) => ({
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
export const presentBusinessDetail = (
  b: BusinessRow,
  address: AddressRow | undefined,
  addresses: AddressRow[],
  perks: ReturnType<typeof presentPerk>[],
) => ({
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
