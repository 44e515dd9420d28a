import {
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  listJson,
  pathId,
  PROGRAM_SECURITY,
  registry,
  resource,
  z,
} from '../../openapi/registry.js';
import { dateTime, postalAddress, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createCompanyBody, createContactBody, patchCompanyBody, patchContactBody, tagBody } from './schemas.js';

const idExample = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const tagIdExample = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const idParam = pathId(idExample);

const addressExample = {
  line1: '12 rue Sainte-Catherine',
  line2: null,
  city: 'Bordeaux',
  state: null,
  postal_code: '33000',
  country: 'FR',
};
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

  const path = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    route: string,
    tagName: string,
    summary: string,
    config: Record<string, unknown>,
  ) =>
    registry.registerPath({
      method,
      path: route,
      tags: [tagName],
      summary,
      security: PROGRAM_SECURITY,
      ...config,
    } as Parameters<typeof registry.registerPath>[0]);

  path(
    'get',
    '/v1/contacts',
    'Contacts',
    'List contacts, newest first, filtered by email, tag, company or a text in names and email',
    {
      request: {
        query: z.object({
          email: z.string().optional(),
          tag_id: uuid.optional(),
          company_id: uuid.optional(),
          q: z.string().optional(),
          ...PAGE_QUERY.shape,
        }),
      },
      responses: {
        200: listJson(contact, contactExample),
      },
    },
  );
  path(
    'post',
    '/v1/contacts',
    'Contacts',
    'Create a contact (emits contact.created); an email another contact has answers 409 conflict_uniqueness',
    {
      request: {
        headers: IDEMPOTENCY_KEY,
        body: json(createContactBody, {
          first_name: 'Camille',
          last_name: 'Durand',
          email: 'camille.durand@example.org',
          phone: '+33 6 12 34 56 78',
          address: addressExample,
        }),
      },
      responses: {
        201: json(resource(contact), { data: { ...contactExample, tags: [] }, version: 0 }, 'Created'),
      },
    },
  );
  path('get', '/v1/contacts/{id}', 'Contacts', 'One contact', {
    request: { params: idParam },
    responses: { 200: json(resource(contact), { data: contactExample, version: 1 }) },
  });
  path('patch', '/v1/contacts/{id}', 'Contacts', 'Update a contact', {
    request: { params: idParam, headers: IF_MATCH, body: json(patchContactBody, { phone: '+33 5 56 00 00 00' }) },
    responses: {
      200: json(resource(contact), { data: { ...contactExample, phone: '+33 5 56 00 00 00' }, version: 2 }),
    },
  });
  path('delete', '/v1/contacts/{id}', 'Contacts', 'Delete a contact (emits contact.deleted); its email is free again', {
    request: { params: idParam, headers: IF_MATCH },
    responses: { 204: { description: 'deleted' } },
  });
  const tagParams = z.object({
    id: uuid.openapi({ example: idExample }),
    tag_id: uuid.openapi({ example: tagIdExample }),
  });
  path('put', '/v1/contacts/{id}/tags/{tag_id}', 'Contacts', 'Tag a contact (tagging twice is one tag)', {
    request: { params: tagParams },
    responses: { 200: json(resource(contact), { data: contactExample, version: 1 }) },
  });
  path('delete', '/v1/contacts/{id}/tags/{tag_id}', 'Contacts', 'Untag a contact', {
    request: { params: tagParams },
    responses: { 204: { description: 'untagged' } },
  });

  path('get', '/v1/companies', 'Companies', 'List companies, newest first', {
    request: { query: PAGE_QUERY },
    responses: {
      200: listJson(company, companyExample),
    },
  });
  path('post', '/v1/companies', 'Companies', 'Create a company', {
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(createCompanyBody, {
        name: 'Librairie Mollat',
        website: 'https://www.mollat.com',
        address: addressExample,
      }),
    },
    responses: {
      201: json(resource(company), { data: companyExample, version: 0 }, 'Created'),
    },
  });
  path('patch', '/v1/companies/{id}', 'Companies', 'Update a company', {
    request: { params: idParam, headers: IF_MATCH, body: json(patchCompanyBody, { phone: '+33 5 56 56 40 40' }) },
    responses: {
      200: json(resource(company), { data: { ...companyExample, phone: '+33 5 56 56 40 40' }, version: 1 }),
    },
  });
  path('delete', '/v1/companies/{id}', 'Companies', 'Delete a company; its contacts keep no company', {
    request: { params: idParam, headers: IF_MATCH },
    responses: { 204: { description: 'deleted' } },
  });

  path('get', '/v1/tags', 'Tags', 'List tags by name', {
    request: { query: PAGE_QUERY },
    responses: {
      200: listJson(tag, tagExample),
    },
  });
  path('post', '/v1/tags', 'Tags', 'Create a tag', {
    request: { headers: IDEMPOTENCY_KEY, body: json(tagBody, { name: 'Donateur régulier' }) },
    responses: {
      201: json(resource(tag), { data: tagExample, version: 0 }, 'Created'),
    },
  });
  path('get', '/v1/tags/{id}', 'Tags', 'One tag', {
    request: { params: idParam },
    responses: { 200: json(resource(tag), { data: tagExample, version: 0 }) },
  });
  path('patch', '/v1/tags/{id}', 'Tags', 'Rename a tag', {
    request: { params: idParam, headers: IF_MATCH, body: json(tagBody, { name: 'Mécène' }) },
    responses: {
      200: json(resource(tag), { data: { ...tagExample, name: 'Mécène' }, version: 1 }),
    },
  });
}
