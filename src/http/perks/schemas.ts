import { z } from 'zod';
import { isoDate } from '../conventions/dates.js';
import { latitude, longitude } from './geo.js';

const name = z.string().trim().min(1).max(200);
const text = (max: number) => z.string().trim().max(max).nullable().optional();
const id = z.union([z.string().trim().min(1).max(64), z.number().int().positive().transform(String)]);
const day = isoDate();

export const businessCategoryShape = z.strictObject({
  name,
  color: text(40),
  marker_symbol: text(100),
  picture: text(2000),
  active: z.boolean().optional(),
});

export const businessShape = z.strictObject({
  name,
  email: text(254),
  activity: text(200),
  description: text(10_000),
  business_category_id: id.nullable().optional(),
  url: text(2000),
  phone: text(40),
  online: z.boolean().optional(),
  shop: z.boolean().optional(),
  itinerant: z.boolean().optional(),
  picture: text(2000),
  labels: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  leader_first_name: text(100),
  leader_last_name: text(100),
  leader_description: text(2000),
  leader_picture: text(2000),
  facebook: text(200),
  twitter: text(200),
  instagram: text(200),
  link_video: text(2000),
  active: z.boolean().optional(),
});

const hour = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const addressShape = z.strictObject({
  street: text(200),
  zipcode: text(20),
  city: text(100),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  main: z.boolean().optional(),
  timetables: z.array(z.strictObject({ day: z.string().trim().min(1).max(20), start_at: hour, end_at: hour })).max(50).optional(),
});

export const perkShape = z.strictObject({
  name,
  description: text(10_000),
  offer: text(200),
  perk_detail_id: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  flash: z.boolean().optional(),
  times: z.number().int().min(0).max(1_000_000).optional(),
  start_date: day.nullable().optional(),
  end_date: day.nullable().optional(),
  active: z.boolean().optional(),
  perk_code: text(100),
  appel: z.boolean().optional(),
  durable: z.boolean().optional(),
  all_day: z.boolean().optional(),
  picture: text(2000),
});

const city = z.strictObject({ name: z.string().trim().min(1).max(100), latitude, longitude });

export const partnerCodeShape = z.strictObject({
  code_partner: z.string().trim().min(1).max(50),
  partner_name: text(200),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  radius_km: z.number().positive().max(20_000).nullable().optional(),
  cities: z.array(city).max(200).optional(),
  trial_months: z.number().int().min(0).max(120).optional(),
  gift_months: z.number().int().min(0).max(120).optional(),
  active: z.boolean().optional(),
});

/** One root key named after the resource; every field optional on PATCH. */
const wrapped = <K extends string, S extends z.ZodObject>(key: K, shape: S) => ({
  create: z.strictObject({ [key]: shape } as Record<K, S>),
  patch: z.strictObject({ [key]: shape.partial() } as Record<K, ReturnType<S['partial']>>),
});

export const businessCategoryBody = wrapped('business_category', businessCategoryShape);
export const businessBody = wrapped('business', businessShape);
export const addressBody = wrapped('address', addressShape);
export const perkBody = wrapped('perk', perkShape);
export const partnerCodeBody = wrapped('partner_code', partnerCodeShape);

export const useCreateBody = z.strictObject({ use: z.strictObject({ perk_id: id }) });
export const usePatchBody = z.strictObject({ use: z.strictObject({ feedback: z.enum(['like', 'unlike', 'unused']) }) });
export const partnerCheckBody = z.strictObject({ code_partner: z.string().trim().min(1).max(50), lat: latitude, lng: longitude });

/** snake_case body fields to the events' camelCase names (timetables' start_at/end_at included). */
export function camelFields(body: Record<string, unknown>, rename: Readonly<Record<string, string>> = {}): Record<string, unknown> {
  const camel = (key: string): string => rename[key] ?? key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(
    Object.entries(body)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        camel(key),
        key === 'timetables' && Array.isArray(value) ? (value as Array<Record<string, unknown>>).map((t) => camelFields(t)) : value,
      ]),
  );
}
