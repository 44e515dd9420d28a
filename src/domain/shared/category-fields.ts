import { z } from 'zod';

/**
 * The fields of a catalogue's category (of causes, of businesses): its name, color and picture, and whether it is
 * listed. A catalogue's own fields stand between the color and the picture, where its lists show them.
 */
export function categoryFields<Own extends z.ZodRawShape>(own: Own) {
  return z.object({
    name: z.string(),
    color: z.string().nullable().default(null),
    ...own,
    picture: z.string().nullable().default(null),
    active: z.boolean().default(true),
  });
}
