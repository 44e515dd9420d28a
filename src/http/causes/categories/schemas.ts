import { z } from 'zod';
import { name, text, wrapped } from '../../perks/fields.js';

export const causeCategoryShape = z.strictObject({
  name,
  color: text(40),
  picture: text(2000),
  active: z.boolean().optional(),
});

export const causeCategoryBody = wrapped('cause_category', causeCategoryShape);
