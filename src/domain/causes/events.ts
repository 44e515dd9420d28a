import { z } from 'zod';
import { categoryFields } from '../shared/category-fields.js';
import type { EventOf } from '../shared/events.js';
import { entityEvents } from '../shared/catalogue-entity.js';

const text = z.string().nullable().default(null);

export const causeCategoryFields = categoryFields({});
export type CauseCategoryFields = z.infer<typeof causeCategoryFields>;

export const causeCategoryEvents = entityEvents('CauseCategory', causeCategoryFields);
export type CauseCategoryEvent = EventOf<typeof causeCategoryEvents>;

export const causeFields = z.object({
  name: z.string(),
  impact: text,
  description: text,
  causeCategoryId: text,
  /** 1 M, 2 Mme. */
  civility: z.number().int().nullable().default(null),
  representativeFirstName: text,
  representativeLastName: text,
  representativeTestimonial: text,
  email: text,
  phone: text,
  url: text,
  street: text,
  zipcode: text,
  city: text,
  latitude: z.number().nullable().default(null),
  longitude: z.number().nullable().default(null),
  picture: text,
  logo: text,
  linkVideo: text,
  facebook: text,
  twitter: text,
  instagram: text,
  /** A cause proposed by a member or an app stays inactive, and unlisted, until the program activates it. */
  active: z.boolean().default(true),
  /** Who created it: `program`, or `member:<id>` / `api_key` for a proposal. */
  proposedBy: z.string().default('program'),
});
export type CauseFields = z.infer<typeof causeFields>;

export const causeEvents = entityEvents('Cause', causeFields);
export type CauseEvent = EventOf<typeof causeEvents>;
