import { z } from 'zod';
import { isoDateTime } from '../../conventions/dates.js';
import { money } from '../../conventions/money.js';
import { paginationSchema } from '../../conventions/pagination.js';
import { email, optionalText, text } from '../fields.js';

/** Any ISO 8601 date, normalised to UTC `…Z` (the domain compares them as text). */
const dateTime = isoDateTime().meta({ format: 'date-time' });
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes, such as "spring-appeal"'),
  );

const manager = z.strictObject({
  id: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .meta({ description: "the client's own user id", 'x-external-id': true }),
  first_name: text(100),
  last_name: text(100),
  email,
  phone: optionalText(40),
  picture: z.url().max(2000).nullable().optional(),
});

const campaignFields = {
  title: text(200),
  description: z.string().max(50_000),
  slug,
  goal: money,
  start_at: dateTime,
  end_at: dateTime.nullable(),
  managers: z.array(manager).max(50),
  image: z.strictObject({ url: z.url().max(2000) }).nullable(),
};

export const createCampaignBody = z.strictObject({
  ...campaignFields,
  description: campaignFields.description.default(''),
  start_at: campaignFields.start_at.optional(),
  end_at: campaignFields.end_at.default(null),
  managers: campaignFields.managers.default([]),
  image: campaignFields.image.default(null),
});

export const patchCampaignBody = z.strictObject(
  Object.fromEntries(Object.entries(campaignFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof campaignFields]: z.ZodOptional<(typeof campaignFields)[K]>;
  },
);

export const campaignListQuery = paginationSchema.extend({ status: z.enum(['active', 'archived']).optional() });
