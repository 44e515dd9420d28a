import { z } from 'zod';
import { nullableTexts } from '../shared/fields.js';

/** A postal address as giving records it: a supporter's billing address, a contact's or a company's. */
export const postalAddress = z.object(nullableTexts('line1', 'line2', 'city', 'state', 'postalCode', 'country'));
export type PostalAddress = z.infer<typeof postalAddress>;
