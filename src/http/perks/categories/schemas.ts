import { z } from 'zod';
import { name, text, wrapped } from '../fields.js';

export const businessCategoryShape = z.strictObject({
  name,
  color: text(40),
  marker_symbol: text(100),
  picture: text(2000),
  active: z.boolean().optional(),
});

export const businessCategoryBody = wrapped('business_category', businessCategoryShape);
