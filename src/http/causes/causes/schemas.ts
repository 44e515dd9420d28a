import { z } from 'zod';
import { id, name, text, wrapped } from '../../shared/catalogue-fields.js';
import { latitude, longitude } from '../../shared/geo.js';

/** The seed's "Post a Cause" fields, plus coordinates and what the detail shows. */
export const causeShape = z.strictObject({
  name,
  impact: text(1000),
  description: text(10_000),
  cause_category_id: id.nullable().optional(),
  civility: z
    .union([z.literal(1), z.literal(2)])
    .nullable()
    .optional(),
  representative_first_name: text(100),
  representative_last_name: text(100),
  representative_testimonial: text(2000),
  email: text(254),
  phone: text(40),
  url: text(2000),
  street: text(200),
  zipcode: text(20),
  city: text(100),
  latitude: latitude.nullable().optional(),
  longitude: longitude.nullable().optional(),
  picture: text(2000),
  logo: text(2000),
  link_video: text(2000),
  facebook: text(200),
  twitter: text(200),
  instagram: text(200),
  active: z.boolean().optional(),
});

export const causeBody = wrapped('cause', causeShape);
