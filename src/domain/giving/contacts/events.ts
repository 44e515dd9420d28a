import { z } from 'zod';
import { claimEventSchemas } from '../../shared/unique-claim.js';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

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

const contact = aggregateEvents('contactId', ['programId']);

export const contactEvents = {
  ContactCreated: contactFields.extend({ contactId: z.string(), programId: z.string(), createdAt: z.string() }),
  ContactUpdated: contact.event({ changes: contactFields.partial(), updatedAt: z.string() }),
  ContactTagged: contact.event({ tagId: z.string(), taggedAt: z.string() }),
  ContactUntagged: contact.event({ tagId: z.string(), untaggedAt: z.string() }),
  ContactDeleted: contact.event({ deletedAt: z.string() }),
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

const company = aggregateEvents('companyId', ['programId']);

export const companyEvents = {
  CompanyCreated: companyFields.extend({ companyId: z.string(), programId: z.string(), createdAt: z.string() }),
  CompanyUpdated: company.event({ changes: companyFields.partial(), updatedAt: z.string() }),
  CompanyDeleted: company.event({ deletedAt: z.string() }),
};
export type CompanyEvent = EventOf<typeof companyEvents>;

const tag = aggregateEvents('tagId', ['programId']);

export const tagEvents = {
  TagCreated: tag.opening({ name: z.string(), createdAt: z.string() }),
  TagRenamed: tag.event({ name: z.string(), renamedAt: z.string() }),
};
export type TagEvent = EventOf<typeof tagEvents>;
