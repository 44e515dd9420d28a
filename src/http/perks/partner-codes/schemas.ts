import { z } from 'zod';
import { latitude, longitude } from '../../shared/geo.js';
import { text, wrapped } from '../../shared/catalogue-fields.js';

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

export const partnerCodeBody = wrapped('partner_code', partnerCodeShape);
export const partnerCheckBody = z.strictObject({
  code_partner: z.string().trim().min(1).max(50),
  lat: latitude,
  lng: longitude,
});
