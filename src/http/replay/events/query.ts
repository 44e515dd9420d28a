import { z } from 'zod';
import { parsePosition, type Position } from '../../../platform/eventstore/position.js';

/** `a,b` or repeated `?x=a&x=b`: a list of names. */
const names = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? undefined : [value].flat().flatMap((v) => v.split(','))))
  .pipe(z.array(z.string().trim().min(1).max(100)).max(50).optional());

export const cursor = z
  .string()
  .optional()
  .transform((value, ctx): Position | undefined => {
    if (value === undefined) return undefined;
    try {
      return parsePosition(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'a position as the API prints it (<hex>-<hex>)' });
      return z.NEVER;
    }
  });

const flag = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => value === 'true');

export const eventsQuery = z.object({
  from: cursor,
  category: names,
  type: names,
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  follow: flag,
  heartbeat_seconds: z.coerce.number().int().min(1).max(60).default(15),
});

export type EventsQuery = z.infer<typeof eventsQuery>;

export const STREAM_NAME = /^[A-Za-z0-9_.:@-]{1,200}$/;

export const streamQuery = z.object({
  from_revision: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
