import { z } from 'zod';
import { name, text } from './catalogue-fields.js';

/** A catalogue list's body (the categories): name, color, its own fields, picture and active, as its row shows them. */
export const catalogueShape = <S extends z.ZodRawShape>(ownFields: S) =>
  z.strictObject({ name, color: text(40), ...ownFields, picture: text(2000), active: z.boolean().optional() });
