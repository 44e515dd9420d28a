import type { Contact } from '../../../domain/giving/contacts/contact.js';
import { presentAddress } from '../address.js';
import type { CompanyRow, ContactRow, TagRow } from '../../../projections/giving/contacts/queries.js';

/** The contact as the API and the contact.* webhooks show it. */
export function presentContact(contact: ContactRow) {
  return {
    id: contact.id,
    first_name: contact.firstName,
    last_name: contact.lastName,
    email: contact.email,
    phone: contact.phone,
    address: presentAddress(contact.address),
    company_id: contact.companyId,
    tags: contact.tags.map((t) => ({ id: t.id, name: t.name })),
    created_at: contact.createdAt.toISOString(),
    updated_at: contact.updatedAt.toISOString(),
  };
}

/** A contact as its stream last left it (a webhook's view), tag names looked up. */
export function presentFolded(contact: Contact, names: ReadonlyMap<string, string>) {
  return presentContact({
    id: contact.contactId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    phone: contact.phone,
    address: contact.address,
    companyId: contact.companyId,
    tags: contact.tags.map((id) => ({ id, name: names.get(id) ?? '' })),
    createdAt: new Date(contact.createdAt),
    updatedAt: new Date(contact.updatedAt),
    version: 0,
  });
}

export function presentCompany(company: CompanyRow) {
  return {
    id: company.id,
    name: company.name,
    website: company.website,
    phone: company.phone,
    address: presentAddress(company.address),
    created_at: company.createdAt.toISOString(),
    updated_at: company.updatedAt.toISOString(),
  };
}

export function presentTag(tag: TagRow) {
  return {
    id: tag.id,
    name: tag.name,
    created_at: tag.createdAt.toISOString(),
    updated_at: tag.updatedAt.toISOString(),
  };
}
