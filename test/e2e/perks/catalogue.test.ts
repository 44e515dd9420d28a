import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { catalogue, PLACES, type ProgramCredentials } from './fixture.js';

type Json = Record<string, unknown>;

describe('the perks catalogue over HTTP', () => {
  let app: TestApp;
  let program: ProgramCredentials;
  let other: ProgramCredentials;
  let shop: ReturnType<typeof catalogue>;

  beforeAll(async () => {
    app = await startTestApp();
    program = (await app.createProgram({ name: 'CforGood' })).data as ProgramCredentials;
    other = (await app.createProgram({ name: 'Other' })).data as ProgramCredentials;
    shop = catalogue(app, program);
  });
  afterAll(() => app.stop());

  it('creates a category, a business with an address and a perk, and shows them in the list and the detail', async () => {
    const categoryId = await shop.created('/v1/business-categories', {
      business_category: { name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite' },
    });
    const businessId = await shop.business(
      {
        name: 'INSPIRESELF',
        activity: 'Pour votre inspiration',
        business_category_id: categoryId,
        shop: true,
        labels: ['Produits éco-responsables'],
        leader_first_name: 'Patrice',
      },
      [
        {
          street: 'rue de la Boétie',
          zipcode: '33300',
          city: 'Bordeaux',
          ...PLACES.inspireself,
          main: true,
          timetables: [{ day: 'lundi', start_at: '05:00', end_at: '07:00' }],
        },
      ],
    );
    const perkId = await shop.perk(businessId, {
      name: '25% SUR LE PREMIER PRODUIT',
      perk_detail_id: 2,
      perk_code: 'CFORGOOD',
      appel: true,
      offer: 'Offert',
    });

    const categories = await app.request('GET', '/v1/business-categories', { headers: shop.asApp });
    expect(categories.status).toBe(200);
    expect(categories.body).toMatchObject({
      data: [{ id: categoryId, name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite' }],
      paging: { page: 1, total: 1 },
    });

    const list = await app.request('GET', `/v1/businesses?lat=${PLACES.bordeaux.lat}&lng=${PLACES.bordeaux.lng}`, {
      headers: shop.asApp,
    });
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: businessId,
        name: 'INSPIRESELF',
        like: 0,
        online: false,
        addresses: [expect.objectContaining({ ...PLACES.inspireself })],
        labels: [{ name: 'Produits éco-responsables' }],
        perks: [
          expect.objectContaining({ id: perkId, name: '25% SUR LE PREMIER PRODUIT', flash: false, offer: 'Offert' }),
        ],
      }),
    ]);

    const detail = await app.request('GET', `/v1/businesses/${businessId}`, { headers: shop.asApp });
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({
      name: 'INSPIRESELF',
      leader_first_name: 'Patrice',
      like: 0,
      unlike: 0,
      address: {
        street: 'rue de la Boétie',
        main: true,
        timetables: [{ day: 'lundi', start_at: '05:00', end_at: '07:00' }],
      },
      perks: [
        { id: perkId, perk_detail_id: 2, perk_detail_name: 'email', perk_code: 'CFORGOOD', usable_for_user: false },
      ],
    });

    const perk = await app.request('GET', `/v1/perks/${perkId}`, { headers: shop.asApp });
    expect(perk.body.data).toMatchObject({
      id: perkId,
      perk_detail_name: 'email',
      usable_for_user: false,
      active: true,
    });
  });

  it('when a business has two addresses, then address_id picks the one the detail shows, an address can be changed, and an unknown one is 404', async () => {
    const businessId = await shop.business({ name: 'Deux Adresses', shop: true }, [
      { street: 'Rue Sainte-Catherine', zipcode: '33000', city: 'Bordeaux', ...PLACES.inspireself, main: true },
      {
        street: 'Cours Victor Hugo',
        zipcode: '33000',
        city: 'Bordeaux',
        latitude: PLACES.bordeaux.lat,
        longitude: PLACES.bordeaux.lng,
        main: false,
      },
    ]);
    const detail = await app.request('GET', `/v1/businesses/${businessId}`, { headers: shop.asApp });
    const addresses = (detail.body.data as { addresses: Array<{ id: string; street: string }> }).addresses;
    const second = addresses.find((a) => a.street === 'Cours Victor Hugo')!;

    const picked = await app.request('GET', `/v1/businesses/${businessId}?address_id=${second.id}`, {
      headers: shop.asApp,
    });
    expect(picked.status).toBe(200);
    expect(picked.body.data).toMatchObject({ address: { id: second.id, street: 'Cours Victor Hugo', main: false } });
    const unknown = await app.request(
      'GET',
      `/v1/businesses/${businessId}?address_id=00000000-0000-4000-8000-000000000000`,
      { headers: shop.asApp },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_name).toBe('not_found');

    const moved = await app.request('PATCH', `/v1/businesses/${businessId}/addresses/${second.id}`, {
      headers: shop.asProgram,
      body: { address: { street: 'Place Gambetta', zipcode: '33000' } },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.data).toMatchObject({ id: second.id, street: 'Place Gambetta', main: false });
    const after = await app.request('GET', `/v1/businesses/${businessId}?address_id=${second.id}`, {
      headers: shop.asApp,
    });
    expect(after.body.data).toMatchObject({ address: { street: 'Place Gambetta' } });
    const missing = await app.request(
      'PATCH',
      `/v1/businesses/${businessId}/addresses/00000000-0000-4000-8000-000000000000`,
      { headers: shop.asProgram, body: { address: { street: 'Nowhere' } } },
    );
    expect(missing.status).toBe(404);
  });

  it('patches a perk and deactivates a business: it leaves the list', async () => {
    const businessId = await shop.business({ name: 'Ephemeral' }, [{ ...PLACES.origines }]);
    const perkId = await shop.perk(businessId, { name: 'Un thé offert' });
    const patched = await app.request('PATCH', `/v1/perks/${perkId}`, {
      headers: shop.asProgram,
      body: { perk: { offer: '-50 %', perk_detail_id: 1 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ offer: '-50 %', perk_detail_name: 'carte', name: 'Un thé offert' });
    const stale = await app.request('PATCH', `/v1/perks/${perkId}`, {
      headers: { ...shop.asProgram, 'If-Match': '"0"' },
      body: { perk: { offer: 'x' } },
    });
    expect(stale.status).toBe(412);
    const off = await app.request('PATCH', `/v1/businesses/${businessId}`, {
      headers: shop.asProgram,
      body: { business: { active: false } },
    });
    expect(off.status).toBe(200);
    const list = await app.request('GET', `/v1/businesses?lat=${PLACES.bordeaux.lat}&lng=${PLACES.bordeaux.lng}`, {
      headers: shop.asApp,
    });
    expect((list.body.data as Json[]).map((b) => b.id)).not.toContain(businessId);
  });

  it('refuses catalogue writes without the program secret, unknown fields, and a category of another program', async () => {
    const byKey = await app.request('POST', '/v1/businesses', {
      headers: shop.asApp,
      body: { business: { name: 'x' } },
    });
    expect([401, 403]).toContain(byKey.status);
    const unknown = await app.request('POST', '/v1/businesses', {
      headers: shop.asProgram,
      body: { business: { name: 'x', nope: 1 } },
    });
    expect(unknown.status).toBe(422);
    const theirs = await catalogue(app, other).created('/v1/business-categories', {
      business_category: { name: 'Theirs' },
    });
    const wrongCategory = await app.request('POST', '/v1/businesses', {
      headers: shop.asProgram,
      body: { business: { name: 'x', business_category_id: theirs } },
    });
    expect(wrongCategory.status).toBe(422);
    expect(wrongCategory.body.details).toEqual([expect.objectContaining({ field: 'business.business_category_id' })]);
  });

  it('keeps each program to its own businesses: another program’s business answers 404 and is never listed', async () => {
    const theirs = await catalogue(app, other).business({ name: 'Their shop' }, [{ ...PLACES.laRuche }]);
    expect((await app.request('GET', `/v1/businesses/${theirs}`, { headers: shop.asApp })).status).toBe(404);
    expect(
      (
        await app.request('PATCH', `/v1/businesses/${theirs}`, {
          headers: shop.asProgram,
          body: { business: { name: 'mine' } },
        })
      ).status,
    ).toBe(404);
    const list = await app.request('GET', `/v1/businesses?lat=${PLACES.bordeaux.lat}&lng=${PLACES.bordeaux.lng}`, {
      headers: shop.asApp,
    });
    expect((list.body.data as Json[]).map((b) => b.id)).not.toContain(theirs);
    expect(
      (await app.request('GET', `/v1/businesses/${theirs}`, { headers: catalogue(app, other).asApp })).status,
    ).toBe(200);
  });
});
