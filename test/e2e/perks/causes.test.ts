import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { catalogue, namesOf, PLACES, type ProgramCredentials } from './fixture.js';

type Json = Record<string, unknown>;

describe('causes and partner codes over HTTP', () => {
  let app: TestApp;
  let shop: ReturnType<typeof catalogue>;
  const near = `lat=${PLACES.bordeaux.lat}&lng=${PLACES.bordeaux.lng}`;

  beforeAll(async () => {
    app = await startTestApp();
    const program = (await app.createProgram({ name: 'CforGood' })).data as ProgramCredentials;
    shop = catalogue(app, program);
  });
  afterAll(() => app.stop());

  it('lists active causes by distance, those without coordinates last, with their category', async () => {
    const culture = await shop.created('/v1/cause-categories', {
      cause_category: { name: 'Culturel', color: '#8e513a' },
    });
    const categories = await app.request('GET', '/v1/cause-categories', { headers: shop.asApp });
    expect(categories.body).toMatchObject({
      data: [{ id: culture, name: 'Culturel', color: '#8e513a' }],
      paging: { total: 1 },
    });
    await shop.created('/v1/causes', {
      cause: { name: 'Osons Ici et Maintenant', city: 'Bègles', latitude: 44.8086, longitude: -0.5478 },
    });
    await shop.created('/v1/causes', { cause: { name: 'Ecolo Info', city: 'National' } });
    await shop.created('/v1/causes', {
      cause: {
        name: 'Keep A Breast Europe',
        city: 'Bordeaux',
        cause_category_id: culture,
        latitude: 44.8412,
        longitude: -0.5801,
      },
    });
    const off = await shop.created('/v1/causes', {
      cause: { name: 'Sleeping', latitude: 44.84, longitude: -0.58, active: false },
    });
    const list = await app.request('GET', `/v1/causes?${near}`, { headers: shop.asApp });
    expect(list.status).toBe(200);
    expect(namesOf(list.body)).toEqual(['Keep A Breast Europe', 'Osons Ici et Maintenant', 'Ecolo Info']);
    expect((list.body.data as Json[])[0]).toMatchObject({ cause_category: 'Culturel', city: 'Bordeaux', like: 0 });
    expect((await app.request('GET', `/v1/causes/${off}`, { headers: shop.asApp })).status).toBe(404);
    const byName = await app.request('GET', '/v1/causes', { headers: shop.asApp });
    expect(namesOf(byName.body)).toEqual(['Ecolo Info', 'Keep A Breast Europe', 'Osons Ici et Maintenant']);
  });

  it('lists a proposed cause only once the program activates it, and tells a member whether it supports it', async () => {
    const member = await shop.member('giver@example.org', false);
    const proposed = await app.request('POST', '/v1/causes', {
      headers: member.headers,
      body: { cause: { name: 'Disco Soupe', city: 'Bordeaux', latitude: 44.8378, longitude: -0.5792 } },
    });
    expect(proposed.status).toBe(201);
    const id = (proposed.body.data as { id: string }).id;
    expect(namesOf((await app.request('GET', `/v1/causes?${near}`, { headers: shop.asApp })).body)).not.toContain(
      'Disco Soupe',
    );
    expect((await app.request('GET', `/v1/causes/${id}`, { headers: member.headers })).status).toBe(404);
    expect((await app.request('GET', `/v1/causes/${id}`, { headers: shop.asProgram })).body.data).toMatchObject({
      active: false,
    });

    const activated = await app.request('PATCH', `/v1/causes/${id}`, {
      headers: shop.asProgram,
      body: { cause: { active: true } },
    });
    expect(activated.status).toBe(200);
    const listed = await app.request('GET', `/v1/causes?${near}`, { headers: shop.asApp });
    expect(namesOf(listed.body)[0], JSON.stringify(listed.body)).toBe('Disco Soupe');

    expect((await app.request('GET', `/v1/causes/${id}`, { headers: member.headers })).body.data).toMatchObject({
      name: 'Disco Soupe',
      user_cause: false,
    });
    const supports = await app.request('PATCH', `/v1/members/${member.id}`, {
      headers: member.headers,
      body: { user: { cause_id: id } },
    });
    expect(supports.status).toBe(200);
    expect((await app.request('GET', `/v1/causes/${id}`, { headers: member.headers })).body.data).toMatchObject({
      user_cause: true,
    });
    expect((await app.request('GET', `/v1/causes/${id}`, { headers: shop.asApp })).body.data).toMatchObject({
      user_cause: false,
    });
  });

  it('checks a partner code where the member stands: valid in Bordeaux, refused in Paris', async () => {
    await shop.created('/v1/partner-codes', {
      partner_code: {
        code_partner: 'CFORGOODBDX',
        partner_name: 'CforGood Bordeaux',
        latitude: 44.8378,
        longitude: -0.5792,
        radius_km: 20,
        trial_months: 1,
      },
    });
    const lyon = await shop.created('/v1/partner-codes', {
      partner_code: { code_partner: 'LYONCITY', cities: [{ name: 'Lyon', latitude: 45.764, longitude: 4.8357 }] },
    });
    const check = (code: string, at: { lat: number; lng: number }) =>
      app.request('POST', '/v1/partner-codes/check', { headers: shop.asApp, body: { code_partner: code, ...at } });
    const bordeaux = await check('cforgoodbdx', PLACES.bordeaux);
    expect(bordeaux.status).toBe(200);
    expect(bordeaux.body).toEqual({ data: { code_partner: 'CFORGOODBDX' } });
    expect((await check('CFORGOODBDX', PLACES.paris)).status).toBe(404);
    expect((await check('NOPE', PLACES.bordeaux)).status).toBe(404);
    expect((await check('LYONCITY', { lat: 45.75, lng: 4.85 })).status).toBe(200);
    expect((await check('LYONCITY', PLACES.bordeaux)).status).toBe(404);
    const off = await app.request('PATCH', `/v1/partner-codes/${lyon}`, {
      headers: shop.asProgram,
      body: { partner_code: { active: false } },
    });
    expect(off.status).toBe(200);
    expect(off.body.data).toMatchObject({ code_partner: 'LYONCITY', active: false });
    expect((await check('LYONCITY', { lat: 45.75, lng: 4.85 })).status).toBe(404);
  });
});
