import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { catalogue, namesOf, PLACES, type ProgramCredentials } from './fixture.js';

type Json = Record<string, unknown>;

describe('searching around a point', () => {
  let app: TestApp;
  let shop: ReturnType<typeof catalogue>;
  const near = `lat=${PLACES.bordeaux.lat}&lng=${PLACES.bordeaux.lng}`;

  beforeAll(async () => {
    app = await startTestApp();
    const program = (await app.createProgram({ name: 'CforGood' })).data as ProgramCredentials;
    shop = catalogue(app, program);
    await shop.business({ name: 'La ruche des Chartrons', shop: true }, [{ ...PLACES.laRuche }]);
    await shop.business({ name: 'Origines Tea & Coffee', shop: true }, [{ ...PLACES.origines }]);
    await shop.business({ name: 'INSPIRESELF', shop: true }, [
      { ...PLACES.inspireself, main: true },
      { ...PLACES.arcachon },
    ]);
    await shop.business({ name: 'Libourne shop', shop: true }, [{ ...PLACES.libourne }]);
    await shop.business({ name: 'Online only', online: true });
    await shop.business({ name: 'Online in Libourne', online: true }, [{ ...PLACES.libourne }]);
  });
  afterAll(() => app.stop());

  it('lists businesses within 10 km, nearest first, without the one 30 km away', async () => {
    const list = await app.request('GET', `/v1/businesses?${near}`, { headers: shop.asApp });
    expect(list.status).toBe(200);
    expect(namesOf(list.body)).toEqual(['INSPIRESELF', 'Origines Tea & Coffee', 'La ruche des Chartrons']);
    expect(list.body.paging).toEqual({ page: 1, per_page: 20, total: 3 });
    const first = (list.body.data as Json[])[0]!;
    expect(first.distance_km).toBeLessThan(0.5);
    // Every address is shown, the far one too: the app draws them all.
    expect(first.addresses).toHaveLength(2);
  });

  it('adds the online businesses, wherever they are, only with online=true', async () => {
    const list = await app.request('GET', `/v1/businesses?${near}&online=true`, { headers: shop.asApp });
    expect(namesOf(list.body)).toEqual([
      'INSPIRESELF',
      'Origines Tea & Coffee',
      'La ruche des Chartrons',
      'Online in Libourne',
      'Online only',
    ]);
    const paged = await app.request('GET', `/v1/businesses?${near}&online=true&per_page=2&page=2`, {
      headers: shop.asApp,
    });
    expect(namesOf(paged.body)).toEqual(['La ruche des Chartrons', 'Online in Libourne']);
    expect(paged.body.paging).toEqual({ page: 2, per_page: 2, total: 5 });
  });

  it('answers 422 invalid_request for coordinates that are not numbers or out of range', async () => {
    for (const query of ['lat=91&lng=0', 'lat=0&lng=-180.5', 'lat=abc&lng=0', 'lat=&lng=0', 'lng=0']) {
      const answer = await app.request('GET', `/v1/businesses?${query}`, { headers: shop.asApp });
      expect(answer.status, query).toBe(422);
      expect(answer.body.error_name).toBe('invalid_request');
    }
    expect((await app.request('GET', '/v1/causes?lat=45&lng=200', { headers: shop.asApp })).status).toBe(422);
    const check = await app.request('POST', '/v1/partner-codes/check', {
      headers: shop.asApp,
      body: { code_partner: 'X', lat: -95, lng: 0 },
    });
    expect(check.status).toBe(422);
  });
});
