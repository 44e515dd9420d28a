import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  ADMIN,
  bearer,
  freshHost,
  programWithHub,
  signInByCode as signIn,
  type HubProgram,
  type Json,
} from './support.js';

const CODE = '123456';
let phones = 0;
/** A French mobile number of its own per call. */
const freshPhone = () =>
  `7${String(process.pid % 1000).padStart(3, '0')}${String(Date.now() % 10000).padStart(4, '0')}${phones++ % 10}`;

describe('hub customers: registration, access and erasure (seed 004)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SMS_SANDBOX_CODE: CODE, PUBLIC_BASE_URL: 'http://127.0.0.1' });
  });
  afterAll(async () => {
    await app.stop();
  });

  const register = async (hub: HubProgram, body: Json) => {
    const answer = await app.request('POST', '/v1/hub/auth/register', { headers: hub.key, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data as { customerId: string; token: string };
  };
  const signInByCode = (hub: HubProgram, phoneNumber: string) => signIn(app, hub, phoneNumber, CODE);

  it('lookup, optins, register, SMS code, profile, PATCH, delete: the token then 401 and the PII nowhere in the database', async () => {
    const host = freshHost();
    const hub = await programWithHub(app, { host, emailRequired: true });
    await app.request('PUT', '/v1/hub/optins', {
      headers: hub.program,
      body: { registrationType: 'SCR', optins: [{ code: 'cgu', label: { fr: 'CGU' }, required: true }] },
    });
    const lookup = await app.request('GET', `/v1/hub/lookup?host=${host}`);
    const apiKey = (lookup.body.data as Json).apiKey as string;
    expect(apiKey).toBe(hub.apiKey);
    expect((await app.request('GET', '/v1/hub/optins', { headers: { 'Api-Key': apiKey } })).body.data).toEqual([
      { code: 'cgu', label: 'CGU', required: true },
    ]);

    const phoneNumber = freshPhone();
    const email = `zoe.${phoneNumber}@example.org`;
    const missing = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33 },
    });
    expect(missing.status).toBe(422);
    expect((missing.body.details as Json[]).map((d) => d.field)).toEqual(['email']);

    const registered = await register(hub, {
      phoneNumber: `0${phoneNumber}`,
      countryCode: '+33',
      email: email.toUpperCase(),
      firstName: 'Zoé',
      lastName: 'Martin',
      birthDate: '1990-04-01',
      postalCode: '33000',
      optins: [{ code: 'cgu', value: true }],
      origin: 'website',
    });
    // A registration token is for the registration steps: not for the profile.
    expect((await app.request('GET', '/v1/hub/customer', { headers: bearer(registered.token) })).status).toBe(403);
    const again = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, email: 'other@example.org' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error_name).toBe('conflict_uniqueness');

    const { customerId, token } = await signInByCode(hub, phoneNumber);
    expect(customerId).toBe(registered.customerId);
    const me = await app.request('GET', '/v1/hub/customer', { headers: bearer(token) });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({
      id: customerId,
      email,
      phoneNumber,
      countryCode: 33,
      firstName: 'Zoé',
      status: 'registering',
    });
    // A customer token on a program route is a credential in the wrong place.
    expect((await app.request('GET', '/v1/hub', { headers: bearer(token) })).status).toBe(403);

    const patched = await app.request('PATCH', '/v1/hub/customer', {
      headers: bearer(token),
      body: { lastName: 'Durand', password: 'correct horse' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ lastName: 'Durand', hasPassword: true });
    const events = await app.knex('gs_events').where('stream_name', `customer-${customerId}`).select('data');
    expect(JSON.stringify(events)).not.toContain(email);
    expect(JSON.stringify(events)).not.toContain('Durand');

    expect((await app.request('DELETE', '/v1/hub/customer', { headers: bearer(token) })).status).toBe(204);
    expect((await app.request('GET', '/v1/hub/customer', { headers: bearer(token) })).status).toBe(401);
    const found = await app.knex.raw<{ rows: Array<{ table_name: string }> }>(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    );
    const holding: string[] = [];
    for (const { table_name } of found.rows) {
      const hit = await app.knex.raw<{ rows: unknown[] }>(
        `select 1 from "${table_name}" t where t::text ilike ? or t::text like ? limit 1`,
        [`%${email}%`, `%${phoneNumber}%`],
      );
      if (hit.rows.length > 0) holding.push(table_name);
    }
    expect(holding).toEqual([]);
    // The email and phone are free again in the hub.
    await register(hub, { phoneNumber, countryCode: 33, email });
  });

  it('locks the password at the fifth wrong try in a row (403 passwordLocked) until the program unlocks it', async () => {
    const hub = await programWithHub(app);
    const phoneNumber = freshPhone();
    const email = `lock.${phoneNumber}@example.org`;
    await register(hub, { phoneNumber, countryCode: 33, email });
    const { token, customerId } = await signInByCode(hub, phoneNumber);
    await app.request('PATCH', '/v1/hub/customer', { headers: bearer(token), body: { password: 'correct horse' } });
    const loginWith = (password: string) =>
      app.request('POST', '/v1/hub/auth/login', { headers: hub.key, body: { email, password } });
    expect((await loginWith('correct horse')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginWith('wrong')).status).toBe(401);
    const locked = await loginWith('wrong');
    expect(locked.status).toBe(403);
    expect((locked.body.details as Json[])[0]?.code).toBe('passwordLocked');
    expect((await loginWith('correct horse')).status).toBe(403);
    const unlocked = await app.request('POST', `/v1/hub/customers/${customerId}/password/unlock`, {
      headers: hub.program,
    });
    expect(unlocked.status).toBe(204);
    const byPhone = await app.request('POST', '/v1/hub/auth/login', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, password: 'correct horse' },
    });
    expect(byPhone.status).toBe(200);
  });

  it('resets a password through the emailed link, and knows neither an unknown email nor an unknown phone', async () => {
    const hub = await programWithHub(app);
    const phoneNumber = freshPhone();
    const email = `reset.${phoneNumber}@example.org`;
    await register(hub, { phoneNumber, countryCode: 33, email });
    const unknown = await app.request('GET', '/v1/hub/auth/password-email', {
      headers: { ...hub.key, email: 'nobody@example.org' },
    });
    expect(unknown.status).toBe(404);
    expect((unknown.body.details as Json[])[0]?.code).toBe('emailNotFound');
    const noPhone = await app.request('GET', '/v1/hub/auth/temporary-code', {
      headers: { ...hub.key, phoneNumber: '611111111', countryCode: '33' },
    });
    expect((noPhone.body.details as Json[])[0]?.code).toBe('unknownPhone');
    expect((await app.request('GET', '/v1/hub/auth/password-email', { headers: { ...hub.key, email } })).status).toBe(
      204,
    );
    const [mail] = (
      await app.request('GET', `/v1/admin/hub/outbox?to=${encodeURIComponent(email)}`, { headers: ADMIN })
    ).body.data as Json[];
    const resetToken = /token=([A-Za-z0-9_-]+)/.exec(String(mail?.text))?.[1];
    expect(resetToken).toBeDefined();
    expect(
      await app
        .knex('hub_customer_access')
        .whereRaw('reset_digest = ?', [resetToken ?? ''])
        .first(),
    ).toBeUndefined();
    const reset = await app.request('POST', '/v1/hub/auth/password', {
      headers: hub.key,
      body: { token: resetToken, password: 'new password' },
    });
    expect(reset.status).toBe(204);
    expect(
      (
        await app.request('POST', '/v1/hub/auth/password', {
          headers: hub.key,
          body: { token: resetToken, password: 'another one' },
        })
      ).status,
    ).toBe(422);
    expect(
      (await app.request('POST', '/v1/hub/auth/login', { headers: hub.key, body: { email, password: 'new password' } }))
        .status,
    ).toBe(200);
  });

  it("keeps programs apart: another program's customer is 404, its token 403 with this Api-Key", async () => {
    const one = await programWithHub(app);
    const two = await programWithHub(app);
    const phoneNumber = freshPhone();
    const { customerId } = await register(one, {
      phoneNumber,
      countryCode: 33,
      email: `iso.${phoneNumber}@example.org`,
      customerExternalId: 'ext-1',
    });
    expect((await app.request('GET', `/v1/hub/customers/${customerId}`, { headers: two.program })).status).toBe(404);
    expect((await app.request('GET', `/v1/hub/customers/${customerId}`, { headers: one.program })).status).toBe(200);
    expect((await app.request('GET', '/v1/hub/customers/exists/ext-1', { headers: two.key })).status).toBe(404);
    // An id no row can hold (a NUL byte) is nobody, not a 500.
    expect((await app.request('GET', '/v1/hub/customers/exists/ext%00', { headers: one.key })).status).toBe(404);
    expect((await app.request('GET', '/v1/hub/customers/exists/ext-1', { headers: one.key })).body.data).toEqual({
      customerId,
      status: 'registering',
    });
    expect((await app.request('GET', '/v1/hub/lookup?customerExternalId=ext-1', { headers: one.key })).status).toBe(
      200,
    );
    const { token } = await signInByCode(one, phoneNumber);
    expect((await app.request('GET', '/v1/hub/customer', { headers: { ...bearer(token), ...two.key } })).status).toBe(
      403,
    );
    const list = await app.request('GET', `/v1/hub/customers?search=${customerId}`, { headers: one.program });
    expect((list.body.data as Json[]).map((c) => c.id)).toEqual([customerId]);
    expect((await app.request('GET', '/v1/hub/customers', { headers: two.program })).body.data).toEqual([]);
  });
});
