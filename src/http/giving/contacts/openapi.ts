import { json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { dateTime, postalAddress, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { ADDRESS_EXAMPLE } from '../address.js';
import { createCompanyBody, createContactBody, patchCompanyBody, patchContactBody, tagBody } from './schemas.js';

const idExample = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const tagIdExample = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';

const addressExample = ADDRESS_EXAMPLE;
const address = postalAddress;

const tagExample = {
  id: tagIdExample,
  name: 'Donateur régulier',
  created_at: '2026-01-10T08:00:00.000Z',
  updated_at: '2026-01-10T08:00:00.000Z',
};
/** Documents the contacts', companies' and tags' paths in the registry. */
export function documentContacts(): void {
  const tag = registry.register(
    'Tag',
    z.object({ id: uuid, name: z.string(), created_at: dateTime, updated_at: dateTime }),
  );

  const contactExample = {
    id: idExample,
    first_name: 'Camille',
    last_name: 'Durand',
    email: 'camille.durand@example.org',
    phone: '+33 6 12 34 56 78',
    address: addressExample,
    company_id: null,
    tags: [{ id: tagIdExample, name: 'Donateur régulier' }],
    created_at: '2026-01-12T10:00:00.000Z',
    updated_at: '2026-01-12T10:05:00.000Z',
  };
  const contact = registry.register(
    'Contact',
    z.object({
      id: uuid,
      first_name: z.string(),
      last_name: z.string(),
      email: z.string().nullable().openapi({ description: 'unique within the program' }),
      phone: z.string().nullable(),
      address: address.nullable(),
      company_id: uuid.nullable(),
      tags: z.array(z.object({ id: uuid, name: z.string() })),
      created_at: dateTime,
      updated_at: dateTime,
    }),
  );

  const companyExample = {
    id: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b',
    name: 'Librairie Mollat',
    website: 'https://www.mollat.com',
    phone: null,
    address: addressExample,
    created_at: '2026-01-05T09:00:00.000Z',
    updated_at: '2026-01-05T09:00:00.000Z',
  };
  const company = registry.register(
    'Company',
    z.object({
      id: uuid,
      name: z.string(),
      website: z.string().nullable(),
      phone: z.string().nullable(),
      address: address.nullable(),
      created_at: dateTime,
      updated_at: dateTime,
    }),
  );

  const contacts = documentResource({ path: '/v1/contacts', tags: ['Contacts'], id: idExample });
  contacts.list(
    'List contacts, newest first, filtered by email, tag, company or a text in names and email',
    z.object({
      email: z.string().optional(),
      tag_id: uuid.optional(),
      company_id: uuid.optional(),
      q: z.string().optional(),
      ...PAGE_QUERY.shape,
    }),
    listJson(contact, contactExample),
  );
  contacts.create(
    'Create a contact (emits contact.created); an email another contact has answers 409 conflict_uniqueness',
    json(createContactBody, {
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille.durand@example.org',
      phone: '+33 6 12 34 56 78',
      address: addressExample,
    }),
    { 201: json(resource(contact), { data: { ...contactExample, tags: [] }, version: 0 }, 'Created') },
  );
  contacts.get('One contact', json(resource(contact), { data: contactExample, version: 1 }));
  contacts.patch(
    'Update a contact',
    json(patchContactBody, { phone: '+33 5 56 00 00 00' }),
    json(resource(contact), { data: { ...contactExample, phone: '+33 5 56 00 00 00' }, version: 2 }),
  );
  contacts.remove('Delete a contact (emits contact.deleted); its email is free again', {
    204: { description: 'deleted' },
  });
  const tagParams = z.object({
    id: uuid.openapi({ example: idExample }),
    tag_id: uuid.openapi({ example: tagIdExample }),
  });
  contacts.action(
    'put',
    '/tags/{tag_id}',
    'Tag a contact (tagging twice is one tag)',
    { params: tagParams },
    { 200: json(resource(contact), { data: contactExample, version: 1 }) },
  );
  contacts.action(
    'delete',
    '/tags/{tag_id}',
    'Untag a contact',
    { params: tagParams },
    {
      204: { description: 'untagged' },
    },
  );

  const companies = documentResource({ path: '/v1/companies', tags: ['Companies'], id: idExample });
  companies.list('List companies, newest first', PAGE_QUERY, listJson(company, companyExample));
  companies.create(
    'Create a company',
    json(createCompanyBody, { name: 'Librairie Mollat', website: 'https://www.mollat.com', address: addressExample }),
    { 201: json(resource(company), { data: companyExample, version: 0 }, 'Created') },
  );
  companies.patch(
    'Update a company',
    json(patchCompanyBody, { phone: '+33 5 56 56 40 40' }),
    json(resource(company), { data: { ...companyExample, phone: '+33 5 56 56 40 40' }, version: 1 }),
  );
  companies.remove('Delete a company; its contacts keep no company', { 204: { description: 'deleted' } });

  const tags = documentResource({ path: '/v1/tags', tags: ['Tags'], id: idExample });
  tags.list('List tags by name', PAGE_QUERY, listJson(tag, tagExample));
  tags.create('Create a tag', json(tagBody, { name: 'Donateur régulier' }), {
    201: json(resource(tag), { data: tagExample, version: 0 }, 'Created'),
  });
  tags.get('One tag', json(resource(tag), { data: tagExample, version: 0 }));
  tags.patch(
    'Rename a tag',
    json(tagBody, { name: 'Mécène' }),
    json(resource(tag), { data: { ...tagExample, name: 'Mécène' }, version: 1 }),
  );
}
