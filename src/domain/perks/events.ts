import { z } from 'zod';
import { categoryFields } from '../shared/category-fields.js';
import { aggregateEvents, type EventOf } from '../shared/events.js';
import { changesOf, entityEvents } from '../shared/catalogue-entity.js';

const text = z.string().nullable().default(null);

export const businessCategoryFields = categoryFields({ markerSymbol: text });
export type BusinessCategoryFields = z.infer<typeof businessCategoryFields>;

export const businessCategoryEvents = entityEvents('BusinessCategory', businessCategoryFields);
export type BusinessCategoryEvent = EventOf<typeof businessCategoryEvents>;

export const businessFields = z.object({
  name: z.string(),
  email: text,
  activity: text,
  description: text,
  businessCategoryId: text,
  url: text,
  phone: text,
  online: z.boolean().default(false),
  shop: z.boolean().default(false),
  itinerant: z.boolean().default(false),
  picture: text,
  labels: z.array(z.string()).default([]),
  leaderFirstName: text,
  leaderLastName: text,
  leaderDescription: text,
  leaderPicture: text,
  facebook: text,
  twitter: text,
  instagram: text,
  linkVideo: text,
  active: z.boolean().default(true),
});
export type BusinessFields = z.infer<typeof businessFields>;

const timetable = z.object({ day: z.string(), startAt: z.string(), endAt: z.string() });

export const addressFields = z.object({
  street: text,
  zipcode: text,
  city: text,
  latitude: z.number().nullable().default(null),
  longitude: z.number().nullable().default(null),
  main: z.boolean().default(false),
  timetables: z.array(timetable).default([]),
});
export type AddressFields = z.infer<typeof addressFields>;

const business = aggregateEvents('businessId', ['programId']);

export const businessEvents = {
  BusinessCreated: business.opening({
    fields: businessFields,
    createdAt: z.string(),
  }),
  BusinessUpdated: business.event({ changes: changesOf(businessFields), updatedAt: z.string() }),
  BusinessAddressAdded: business.event({
    addressId: z.string(),
    address: addressFields,
    addedAt: z.string(),
  }),
  BusinessAddressUpdated: business.event({
    addressId: z.string(),
    changes: changesOf(addressFields),
    updatedAt: z.string(),
  }),
};
export type BusinessEvent = EventOf<typeof businessEvents>;

/** How a member uses the perk: 1 show the member card, 2 send an email, 3 online. */
export const PERK_DETAIL_NAMES = { 1: 'carte', 2: 'email', 3: 'online' } as const;

export const perkFields = z.object({
  name: z.string(),
  description: text,
  offer: text,
  perkDetailId: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  flash: z.boolean().default(false),
  /** For a flash perk, how many uses it offers (reset by a PATCH). */
  times: z.number().int().min(0).default(0),
  /** Inclusive UTC days, YYYY-MM-DD. */
  startDate: text,
  endDate: text,
  active: z.boolean().default(true),
  perkCode: text,
  appel: z.boolean().default(false),
  durable: z.boolean().default(false),
  allDay: z.boolean().default(false),
  picture: text,
});
export type PerkFields = z.infer<typeof perkFields>;

const feedbackKind = z.enum(['like', 'unlike', 'unused']);
export type Feedback = z.infer<typeof feedbackKind>;

const perk = aggregateEvents('perkId', ['programId']);

export const perkEvents = {
  PerkCreated: perk.opening({
    businessId: z.string(),
    fields: perkFields,
    createdAt: z.string(),
  }),
  PerkUpdated: perk.event({ changes: changesOf(perkFields), updatedAt: z.string() }),
  /** A member used the perk; `timesRemaining` is the flash count after this use (null for other perks). */
  PerkUsed: z.object({
    useId: z.string(),
    perkId: z.string(),
    memberId: z.string(),
    businessId: z.string(),
    perkName: z.string(),
    businessName: z.string(),
    timesRemaining: z.number().int().nullable(),
    usedAt: z.string(),
  }),
  PerkUseFeedbackGiven: z.object({
    useId: z.string(),
    perkId: z.string(),
    memberId: z.string(),
    businessId: z.string(),
    feedback: feedbackKind,
    givenAt: z.string(),
  }),
};
export type PerkEvent = EventOf<typeof perkEvents>;

const partnerCodeCity = z.object({ name: z.string(), latitude: z.number(), longitude: z.number() });

export const partnerCodeFields = z.object({
  code: z.string(),
  partnerName: text,
  latitude: z.number().nullable().default(null),
  longitude: z.number().nullable().default(null),
  radiusKm: z.number().nullable().default(null),
  /** City centres: a point within CITY_RADIUS_KM of one of them is in that city. */
  cities: z.array(partnerCodeCity).default([]),
  trialMonths: z.number().int().min(0).default(0),
  giftMonths: z.number().int().min(0).default(0),
  active: z.boolean().default(true),
});
export type PartnerCodeFields = z.infer<typeof partnerCodeFields>;

export const partnerCodeEvents = entityEvents('PartnerCode', partnerCodeFields);
export type PartnerCodeEvent = EventOf<typeof partnerCodeEvents>;
