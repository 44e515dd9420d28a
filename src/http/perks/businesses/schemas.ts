import { z } from 'zod';
import { latitude, longitude } from '../../shared/geo.js';
import { id, name, text, wrapped } from '../../shared/catalogue-fields.js';

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
  timetables: z
    .array(z.strictObject({ day: z.string().trim().min(1).max(20), start_at: hour, end_at: hour }))
    .max(50)
    .optional(),
});

export const businessBody = wrapped('business', businessShape);
export const addressBody = wrapped('address', addressShape);
