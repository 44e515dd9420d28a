import type { CauseCategoryRow, CauseRow } from '../../projections/causes/queries.js';

export const presentCauseCategory = (row: CauseCategoryRow) => ({ id: row.id, name: row.name, color: row.color, picture: row.picture, active: row.active });

/** One cause of GET /v1/causes. */
export const presentCauseSummary = (c: CauseRow & { distance: number | null }) => ({
  id: c.id,
  name: c.name,
  impact: c.impact,
  cause_category: c.cause_category,
  picture: c.picture,
  like: c.like_count,
  city: c.city,
  latitude: c.latitude,
  longitude: c.longitude,
  distance_km: c.distance === null ? null : Math.round(c.distance) / 1000,
});

export const presentCause = (c: CauseRow, userCause: boolean) => ({
  id: c.id,
  name: c.name,
  impact: c.impact,
  cause_category_id: c.cause_category_id,
  cause_category: c.cause_category,
  picture: c.picture,
  logo: c.logo,
  like: c.like_count,
  description: c.description,
  link_video: c.link_video,
  facebook: c.facebook,
  twitter: c.twitter,
  instagram: c.instagram,
  phone: c.phone,
  email: c.email,
  url: c.url,
  street: c.street,
  zipcode: c.zipcode,
  city: c.city,
  latitude: c.latitude,
  longitude: c.longitude,
  civility: c.civility,
  representative_first_name: c.representative_first_name,
  representative_last_name: c.representative_last_name,
  representative_testimonial: c.representative_testimonial,
  active: c.active,
  user_cause: userCause,
});
