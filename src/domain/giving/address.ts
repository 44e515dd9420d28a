import { z } from 'zod';

/** A postal address as giving records it: a supporter's billing address, a contact's or a company's. */
export const postalAddress = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});
export type PostalAddress = z.infer<typeof postalAddress>;
