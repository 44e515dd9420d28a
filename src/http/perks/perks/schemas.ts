import { z } from 'zod';
import { day, name, text, wrapped } from '../../shared/catalogue-fields.js';

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

export const perkBody = wrapped('perk', perkShape);
