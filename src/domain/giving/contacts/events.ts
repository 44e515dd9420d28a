import { z } from 'zod';
import { claimEventSchemas } from '../../shared/unique-claim.js';
import type { EventOf } from '../../shared/events.js';

import { postalAddress } from '../address.js';

export { postalAddress, type PostalAddress } from '../address.js';

export const contactFields = z.object({
  firstName: z.string(),
  lastName: z.string(),
  /** Lower-cased; unique within the program when present. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: postalAddress.nullable(),
  companyId: z.string().nullable(),
});
export type ContactFields = z.infer<typeof contactFields>;

export const contactEvents = {
  ContactCreated: contactFields.extend({ contactId: z.string(), programId: z.string(), createdAt: z.string() }),
  ContactUpdated: z.object({ contactId: z.string(), changes: contactFields.partial(), updatedAt: z.string() }),
  ContactTagged: z.object({ contactId: z.string(), tagId: z.string(), taggedAt: z.string() }),
  ContactUntagged: z.object({ contactId: z.string(), tagId: z.string(), untaggedAt: z.string() }),
  ContactDeleted: z.object({ contactId: z.string(), deletedAt: z.string() }),
};
export type ContactEvent = EventOf<typeof contactEvents>;

/** One stream per (program, email): its existence is the uniqueness check, released when the contact goes. */
export const contactEmailClaimEvents = claimEventSchemas('ContactEmail', 'email', 'contactId');
export type ContactEmailClaimEvent = EventOf<typeof contactEmailClaimEvents>;

export const companyFields = z.object({
  name: z.string(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  address: postalAddress.nullable(),
});
export type CompanyFields = z.infer<typeof companyFields>;

export const companyEvents = {
  CompanyCreated: companyFields.extend({ companyId: z.string(), programId: z.string(), createdAt: z.string() }),
  CompanyUpdated: z.object({ companyId: z.string(), changes: companyFields.partial(), updatedAt: z.string() }),
  CompanyDeleted: z.object({ companyId: z.string(), deletedAt: z.string() }),
};
export type CompanyEvent = EventOf<typeof companyEvents>;

export const tagEvents = {
  TagCreated: z.object({ tagId: z.string(), programId: z.string(), name: z.string(), createdAt: z.string() }),
  TagRenamed: z.object({ tagId: z.string(), name: z.string(), renamedAt: z.string() }),
};
export type TagEvent = EventOf<typeof tagEvents>;
