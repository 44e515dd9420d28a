import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { ADMIN, freshHost, programWithHub, type Json } from './support.js';

describe('the hub of a program (seed 004)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('creates the hub with its defaults, reads it back, and refuses a second one (409 conflict)', async () => {
    const { program, hub } = await programWithHub(app, { recaptchaSecret: 'very-secret', claimMinimumAmount: 5 });
    expect(hub).toMatchObject({
      name: 'Les Arcades',
      country: 'FR',
      currency: 'EUR',
      scanEnable: false,
      cashback: true,
      rewardType: 'CASHBACK',
      pointsPerCurrencyUnit: 0,
      claimMinimumAmount: '5.00',
      hasRecaptchaSecret: true,
    });
    expect(JSON.stringify(hub)).not.toContain('very-secret');
    const read = await app.request('GET', '/v1/hub', { headers: program });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(hub);
    expect(read.headers.get('etag')).toBe('"0"');
    const second = await app.request('POST', '/v1/hub', {
      headers: program,
      body: {
        name: 'Again',
        country: 'FR',
        phoneRequired: true,
        emailRequired: true,
        customerExternalIdRequired: true,
        dataRetrievalMethod: ['scan'],
      },
    });
    expect(second.status).toBe(409);
    expect(second.body.error_name).toBe('conflict');
    const events = await app
      .knex('gs_events')
      .where('stream_name', `hub-${String(hub.id)}`)
      .count<[{ count: string }]>('* as count');
    expect(Number(events[0]?.count)).toBe(1);
  });

  it('keeps a host to one hub on the platform (409 conflict_uniqueness) and frees it when the hub moves', async () => {
    const host = freshHost();
    const first = await programWithHub(app, { host });
    const taken = await app.createProgram({ name: 'Other' });
    const other = {
      'Api-Key': (taken.data as Json).api_key as string,
      'Api-Secret': (taken.data as Json).api_secret as string,
    };
    const body = {
      name: 'B',
      country: 'FR',
      phoneRequired: false,
      emailRequired: true,
      customerExternalIdRequired: false,
      dataRetrievalMethod: ['scan'],
      host: host.toUpperCase(),
    };
    const refused = await app.request('POST', '/v1/hub', { headers: other, body });
    expect(refused.status).toBe(409);
    expect(refused.body.error_name).toBe('conflict_uniqueness');
    expect((await app.request('GET', '/v1/hub', { headers: other })).status).toBe(404);

    const moved = await app.request('PATCH', '/v1/hub', {
      headers: { ...first.program, 'If-Match': '"0"' },
      body: { host: freshHost() },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.version).toBe(1);
    const now = await app.request('POST', '/v1/hub', { headers: other, body });
    expect(now.status).toBe(201);
    expect((now.body.data as Json).host).toBe(host);
  });

  it('answers 412 to a stale If-Match and 422 with one detail per bad field, storing nothing', async () => {
    const { program } = await programWithHub(app);
    const stale = await app.request('PATCH', '/v1/hub', {
      headers: { ...program, 'If-Match': '"7"' },
      body: { name: 'X' },
    });
    expect(stale.status).toBe(412);
    const bad = await app.request('PATCH', '/v1/hub', {
      headers: program,
      body: { country: 'France', dataRetrievalMethod: [], colorPrimary: 'red', unknown: 1 },
    });
    expect(bad.status).toBe(422);
    const fields = (bad.body.details as Json[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['country', 'dataRetrievalMethod', 'colorPrimary']));
    expect((await app.request('GET', '/v1/hub', { headers: program })).body.version).toBe(0);
  });

  it('looks a hub up by host without credentials, by externalId only with its Api-Key, and never shows secrets', async () => {
    const host = freshHost();
    const { key, apiKey, hub } = await programWithHub(app, { host, externalId: 'mall-7', recaptchaSecret: 'shh' });
    const byHost = await app.request('GET', `/v1/hub/lookup?host=${host.toUpperCase()}`);
    expect(byHost.status).toBe(200);
    expect(byHost.body.data).toMatchObject({
      id: hub.id,
      apiKey,
      host,
      hubType: 'shoppingHub',
      features: ['paymentCard', 'cashback'],
    });
    expect(JSON.stringify(byHost.body)).not.toContain('shh');
    expect((await app.request('GET', '/v1/hub/lookup?host=nowhere.example')).status).toBe(404);
    expect((await app.request('GET', '/v1/hub/lookup?externalId=mall-7')).status).toBe(401);
    expect((await app.request('GET', '/v1/hub/lookup?externalId=mall-7', { headers: key })).status).toBe(200);
    // The highest-ranked parameter decides alone: a wrong externalId is 404 even with a right host.
    expect((await app.request('GET', `/v1/hub/lookup?externalId=mall-8&host=${host}`, { headers: key })).status).toBe(
      404,
    );
    expect((await app.request('GET', '/v1/hub/lookup?customerExternalId=nobody', { headers: key })).status).toBe(404);
    expect((await app.request('GET', '/v1/hub/lookup')).status).toBe(422);
  });

  it('configures optins per registration type and serves them in a language, the main one by default', async () => {
    const { program, key } = await programWithHub(app);
    const put = await app.request('PUT', '/v1/hub/optins', {
      headers: program,
      body: {
        registrationType: 'SCR',
        optins: [
          { code: 'cgu', label: { fr: "J'accepte", en: 'I accept' }, required: true },
          { code: 'news', label: { fr: 'Nouvelles' } },
        ],
      },
    });
    expect(put.status).toBe(200);
    expect((await app.request('GET', '/v1/hub/optins', { headers: key })).body.data).toEqual([
      { code: 'cgu', label: "J'accepte", required: true },
      { code: 'news', label: 'Nouvelles', required: false },
    ]);
    expect((await app.request('GET', '/v1/hub/optins?lng=en', { headers: key })).body.data).toEqual([
      { code: 'cgu', label: 'I accept', required: true },
      { code: 'news', label: 'Nouvelles', required: false },
    ]);
    expect((await app.request('GET', '/v1/hub/optins?registrationType=PSD2', { headers: key })).body.data).toEqual([]);
    expect(
      (await app.request('PUT', '/v1/hub/optins', { headers: key, body: { registrationType: 'SCR', optins: [] } }))
        .status,
    ).toBe(401);
    const twice = await app.request('PUT', '/v1/hub/optins', {
      headers: program,
      body: {
        registrationType: 'SCR',
        optins: [
          { code: 'a', label: { fr: 'a' } },
          { code: 'a', label: { fr: 'b' } },
        ],
      },
    });
    expect(twice.status).toBe(422);
  });

  it('lets operators list, read and set the operator fields of any hub; programs cannot', async () => {
    const { program, hub } = await programWithHub(app, { name: 'Operator Mall', programName: 'Opé Club' });
    const list = await app.request('GET', '/v1/admin/hubs?shoppingHubName=operator%20mall', { headers: ADMIN });
    expect(list.status).toBe(200);
    expect((list.body.data as Json[]).map((h) => h.id)).toContain(hub.id);
    const patched = await app.request('PATCH', `/v1/admin/hubs/${String(hub.id)}`, {
      headers: ADMIN,
      body: { cashbackProvider: 'sandbox', walletNotificationThreshold: '100.00' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      cashbackProvider: 'sandbox',
      walletNotificationThreshold: '100.00',
      name: 'Operator Mall',
    });
    expect((await app.request('GET', `/v1/admin/hubs/${String(hub.id)}`, { headers: program })).status).toBe(403);
    expect((await app.request('GET', '/v1/admin/hubs/not-a-uuid', { headers: ADMIN })).status).toBe(404);
    const countries = await app.request('GET', '/v1/hub/phone-countries', { headers: ADMIN });
    expect(countries.body.data).toContainEqual({ countryCode: 33, iso: 'FR', name: 'France' });
  });
});
