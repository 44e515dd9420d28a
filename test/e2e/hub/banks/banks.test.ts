import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { ADMIN, programWithHub, type Json } from '../support.js';

describe('hub banks: the catalogue, a hub’s banks, test accounts (seed 004, flow 7)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const addBank = async (body: Json) => {
    const answer = await app.request('POST', '/v1/admin/banks', { headers: ADMIN, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data as Json & { id: string };
  };
  const bankBody = (name: string, cardType = 'bank') => ({
    name,
    cardType,
    providerCode: 'sandbox',
    country: 'fr',
    authModels: ['redirect'],
  });

  it('when the app starts, then the catalogue holds the sandbox banks', async () => {
    let names: unknown[] = [];
    for (let tries = 0; tries < 50 && !names.includes('Sandbox Resto'); tries += 1) {
      const list = await app.request('GET', '/v1/admin/banks?per_page=100', { headers: ADMIN });
      expect(list.status).toBe(200);
      names = (list.body.data as Json[]).map((b) => b.name);
      if (!names.includes('Sandbox Resto')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(names).toEqual(expect.arrayContaining(['Sandbox Bank', 'Sandbox Resto']));
  });

  it('when an operator adds and changes a bank, then the catalogue shows it; bad fields are 422, one detail each', async () => {
    const bank = await addBank(bankBody(`Banque ${Date.now()}`));
    expect(bank).toMatchObject({
      active: true,
      cardType: 'bank',
      providerCode: 'sandbox',
      country: 'FR',
      authModels: ['redirect'],
    });
    const bad = await app.request('POST', '/v1/admin/banks', {
      headers: ADMIN,
      body: { name: '', cardType: 'credit', providerCode: 'Not Valid', country: 'France', authModels: [] },
    });
    expect(bad.status).toBe(422);
    expect((bad.body.details as Json[]).map((d) => d.field).sort()).toEqual(
      ['authModels', 'cardType', 'country', 'name', 'providerCode'].sort(),
    );
    const patched = await app.request('PATCH', `/v1/admin/banks/${bank.id}`, {
      headers: ADMIN,
      body: { active: false, name: 'Banque renommée' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: bank.id, active: false, name: 'Banque renommée' });
    const unknown = await app.request('PATCH', '/v1/admin/banks/00000000-0000-4000-8000-000000000000', {
      headers: ADMIN,
      body: { active: false },
    });
    expect(unknown.status).toBe(404);
    expect((await app.request('PATCH', '/v1/admin/banks/not-a-uuid', { headers: ADMIN, body: {} })).status).toBe(404);
    expect((await app.request('GET', '/v1/admin/banks')).status).toBe(401);
  });

  it('when a program associates banks, then its front lists them by name and type; another hub sees none of them', async () => {
    const hub = await programWithHub(app);
    const other = await programWithHub(app);
    const card = await addBank(bankBody(`A Banque ${Date.now()}`));
    const resto = await addBank(bankBody(`B Resto ${Date.now()}`, 'restaurant'));
    for (const bank of [card, resto, card]) {
      const put = await app.request('PUT', `/v1/hub/banks/${bank.id}`, { headers: hub.program });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      expect((put.body.data as Json).id).toBe(bank.id);
    }
    const listed = await app.request('GET', '/v1/hub/banks', { headers: hub.key });
    expect((listed.body.data as Json[]).map((b) => b.id)).toEqual([card.id, resto.id]);
    const restos = await app.request('GET', '/v1/hub/banks?cardType=restaurant', { headers: hub.key });
    expect((restos.body.data as Json[]).map((b) => b.id)).toEqual([resto.id]);
    expect((await app.request('GET', '/v1/hub/banks?cardType=gold', { headers: hub.key })).status).toBe(422);
    const one = await app.request('GET', `/v1/hub/banks/${card.id}`, { headers: hub.key });
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual(card);

    expect((await app.request('GET', '/v1/hub/banks', { headers: other.key })).body.data).toEqual([]);
    expect((await app.request('GET', `/v1/hub/banks/${card.id}`, { headers: other.key })).status).toBe(404);
    expect((await app.request('DELETE', `/v1/hub/banks/${card.id}`, { headers: other.program })).status).toBe(404);
  });

  it('when a bank is deactivated, then it stays listed inactive; dissociated, it is gone and a second DELETE is 404', async () => {
    const hub = await programWithHub(app);
    const bank = await addBank(bankBody(`C Banque ${Date.now()}`));
    await app.request('PUT', `/v1/hub/banks/${bank.id}`, { headers: hub.program });
    await app.request('PATCH', `/v1/admin/banks/${bank.id}`, { headers: ADMIN, body: { active: false } });
    const listed = await app.request('GET', '/v1/hub/banks', { headers: hub.key });
    expect(listed.body.data).toEqual([{ ...bank, active: false }]);
    expect((await app.request('DELETE', `/v1/hub/banks/${bank.id}`, { headers: hub.program })).status).toBe(204);
    expect((await app.request('GET', '/v1/hub/banks', { headers: hub.key })).body.data).toEqual([]);
    expect((await app.request('GET', `/v1/hub/banks/${bank.id}`, { headers: hub.key })).status).toBe(404);
    expect((await app.request('DELETE', `/v1/hub/banks/${bank.id}`, { headers: hub.program })).status).toBe(404);
    expect((await app.request('PUT', '/v1/hub/banks/not-a-uuid', { headers: hub.program })).status).toBe(404);
    expect((await app.request('PUT', `/v1/hub/banks/${bank.id}`, { headers: hub.key })).status).toBe(401);
  });

  it('when the front asks for test accounts, then sandbox has one per scenario and other providers none', async () => {
    const hub = await programWithHub(app);
    const accounts = await app.request('GET', '/v1/hub/banks/test-accounts/sandbox', { headers: hub.key });
    expect(accounts.status).toBe(200);
    expect((accounts.body.data as Json[]).map((a) => a.scenario)).toEqual([
      'sandbox-ok',
      'sandbox-invalid',
      'sandbox-desync',
      'sandbox-expiring',
      'sandbox-decoupled',
    ]);
    expect((await app.request('GET', '/v1/hub/banks/test-accounts/powens', { headers: hub.key })).status).toBe(404);
  });
});
