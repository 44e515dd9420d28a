import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';

type Json = Record<string, unknown>;

describe('contacts, companies and tags', () => {
  let app: TestApp;
  let headers: Record<string, string>;
  let otherHeaders: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp();
    const credentials = async (name: string) => {
      const program = (await app.createProgram({ name })).data as { api_key: string; api_secret: string };
      return { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    };
    headers = await credentials('Contacts');
    otherHeaders = await credentials('Other program');
  });
  afterAll(async () => {
    await app.stop();
  });

  const post = (path: string, body: unknown, as = headers) => app.request('POST', path, { headers: as, body });
  const get = (path: string, as = headers) => app.request('GET', path, { headers: as });
  const dataOf = (answer: { body: Json }) => answer.body.data as Json;

  it('creates a contact, then a second contact with the same email (any case) answers 409 conflict_uniqueness', async () => {
    const created = await post('/v1/contacts', {
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille@example.org',
      address: { city: 'Bordeaux', postal_code: '33000' },
    });
    expect(created.status).toBe(201);
    expect(dataOf(created)).toMatchObject({
      first_name: 'Camille',
      email: 'camille@example.org',
      address: { line1: null, city: 'Bordeaux', postal_code: '33000', country: null },
      company_id: null,
      tags: [],
    });
    expect(created.headers.get('etag')).toBe('"0"');
    const duplicate = await post('/v1/contacts', {
      first_name: 'Other',
      last_name: 'Person',
      email: ' Camille@Example.org ',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error_name).toBe('conflict_uniqueness');
    // Another program may have the same email.
    expect(
      (
        await post(
          '/v1/contacts',
          { first_name: 'Camille', last_name: 'Ailleurs', email: 'camille@example.org' },
          otherHeaders,
        )
      ).status,
    ).toBe(201);
  });

  it('frees the email when the contact is deleted, and answers 404 for it afterwards', async () => {
    const first = dataOf(
      await post('/v1/contacts', { first_name: 'Léa', last_name: 'Roux', email: 'lea@example.org' }),
    );
    expect((await app.request('DELETE', `/v1/contacts/${String(first.id)}`, { headers })).status).toBe(204);
    expect((await get(`/v1/contacts/${String(first.id)}`)).status).toBe(404);
    expect(
      (await post('/v1/contacts', { first_name: 'Léa', last_name: 'Roux', email: 'lea@example.org' })).status,
    ).toBe(201);
  });

  it('changing the email claims the new one and frees the old one; If-Match with an old version answers 412', async () => {
    const contact = dataOf(
      await post('/v1/contacts', { first_name: 'Noé', last_name: 'Petit', email: 'noe@example.org' }),
    );
    const path = `/v1/contacts/${String(contact.id)}`;
    // Its own holder of the email it asks for, so it runs alone.
    expect(
      (await post('/v1/contacts', { first_name: 'Claude', last_name: 'Roy', email: 'claude@example.org' })).status,
    ).toBe(201);
    const taken = await app.request('PATCH', path, { headers, body: { email: 'claude@example.org' } });
    expect(taken.status).toBe(409);
    const changed = await app.request('PATCH', path, {
      headers: { ...headers, 'If-Match': '"0"' },
      body: { email: 'noe.petit@example.org', phone: '0600000000' },
    });
    expect(changed.status).toBe(200);
    expect(dataOf(changed)).toMatchObject({ email: 'noe.petit@example.org', phone: '0600000000' });
    expect(
      (await app.request('PATCH', path, { headers: { ...headers, 'If-Match': '"0"' }, body: { phone: '0700000000' } }))
        .status,
    ).toBe(412);
    expect(
      (await post('/v1/contacts', { first_name: 'Autre', last_name: 'Noé', email: 'noe@example.org' })).status,
    ).toBe(201);
  });

  it('tags and untags a contact; tagging twice is one tag; filters by tag, company, email and text', async () => {
    const tag = dataOf(await post('/v1/tags', { name: 'Donateur régulier' }));
    const company = dataOf(
      await post('/v1/companies', { name: 'Librairie Mollat', website: 'https://www.mollat.com' }),
    );
    const contact = dataOf(
      await post('/v1/contacts', {
        first_name: 'Hugo',
        last_name: 'Lambert',
        email: 'hugo@example.org',
        company_id: company.id,
      }),
    );
    const tagPath = `/v1/contacts/${String(contact.id)}/tags/${String(tag.id)}`;
    const tagged = await app.request('PUT', tagPath, { headers });
    expect(tagged.status).toBe(200);
    expect(dataOf(tagged).tags).toEqual([{ id: tag.id, name: 'Donateur régulier' }]);
    const again = await app.request('PUT', tagPath, { headers });
    expect(dataOf(again).tags).toHaveLength(1);
    expect(again.body.version).toBe(tagged.body.version);

    const byTag = await get(`/v1/contacts?tag_id=${String(tag.id)}`);
    expect((byTag.body.data as Json[]).map((c) => c.id)).toEqual([contact.id]);
    expect(byTag.body.paging).toEqual({ page: 1, per_page: 20, total: 1 });
    expect((await get(`/v1/contacts?company_id=${String(company.id)}`)).body.data).toHaveLength(1);
    expect(((await get('/v1/contacts?email=HUGO@example.org')).body.data as Json[])[0]!.id).toBe(contact.id);
    expect(((await get('/v1/contacts?q=lamb')).body.data as Json[]).map((c) => c.id)).toEqual([contact.id]);

    const renamed = await app.request('PATCH', `/v1/tags/${String(tag.id)}`, { headers, body: { name: 'Mécène' } });
    expect(dataOf(renamed).name).toBe('Mécène');
    expect(dataOf(await get(`/v1/contacts/${String(contact.id)}`)).tags).toEqual([{ id: tag.id, name: 'Mécène' }]);

    expect((await app.request('DELETE', tagPath, { headers })).status).toBe(204);
    expect(dataOf(await get(`/v1/contacts/${String(contact.id)}`)).tags).toEqual([]);
    expect((await get(`/v1/contacts?tag_id=${String(tag.id)}`)).body.data).toEqual([]);

    expect((await app.request('DELETE', `/v1/companies/${String(company.id)}`, { headers })).status).toBe(204);
    expect(dataOf(await get(`/v1/contacts/${String(contact.id)}`)).company_id).toBeNull();
  });

  it('refuses an unknown company, unknown fields and a bad email with 422 and one detail per field', async () => {
    const answer = await post('/v1/contacts', {
      first_name: 'X',
      last_name: 'Y',
      email: 'not-an-email',
      colour: 'blue',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error_name).toBe('invalid_request');
    const unknownCompany = await post('/v1/contacts', {
      first_name: 'X',
      last_name: 'Y',
      company_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownCompany.status).toBe(422);
    expect(unknownCompany.body.details).toEqual([{ field: 'company_id', message: 'no such company' }]);
  });

  it('keeps programs apart: another program’s contact, tag and company answer 404 and are never listed', async () => {
    const contact = dataOf(await post('/v1/contacts', { first_name: 'Privé', last_name: 'Contact' }));
    const tag = dataOf(await post('/v1/tags', { name: 'Privé' }));
    const company = dataOf(await post('/v1/companies', { name: 'Privée' }));
    expect((await get(`/v1/contacts/${String(contact.id)}`, otherHeaders)).status).toBe(404);
    expect(
      (
        await app.request('PATCH', `/v1/contacts/${String(contact.id)}`, {
          headers: otherHeaders,
          body: { first_name: 'Volé' },
        })
      ).status,
    ).toBe(404);
    expect((await app.request('DELETE', `/v1/contacts/${String(contact.id)}`, { headers: otherHeaders })).status).toBe(
      404,
    );
    expect((await get(`/v1/tags/${String(tag.id)}`, otherHeaders)).status).toBe(404);
    expect(
      (
        await app.request('PATCH', `/v1/companies/${String(company.id)}`, {
          headers: otherHeaders,
          body: { name: 'Volée' },
        })
      ).status,
    ).toBe(404);
    const theirs = dataOf(await post('/v1/contacts', { first_name: 'Leur', last_name: 'Contact' }, otherHeaders));
    expect(
      (await app.request('PUT', `/v1/contacts/${String(theirs.id)}/tags/${String(tag.id)}`, { headers: otherHeaders }))
        .status,
    ).toBe(404);
    const listed = (await get('/v1/contacts?per_page=100', otherHeaders)).body.data as Json[];
    expect(listed.map((c) => c.id)).not.toContain(contact.id);
    expect(((await get('/v1/tags', otherHeaders)).body.data as Json[]).map((t) => t.id)).not.toContain(tag.id);
    expect(((await get('/v1/companies', otherHeaders)).body.data as Json[]).map((c) => c.id)).not.toContain(company.id);
  });

  it('needs program credentials', async () => {
    expect((await app.request('GET', '/v1/contacts')).status).toBe(401);
  });
});
