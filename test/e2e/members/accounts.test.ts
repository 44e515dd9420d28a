import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformKey } from '../../../src/platform/signing-key.js';
import { startTestApp, type TestApp } from '../../support/app.js';

interface Json {
  [key: string]: unknown;
}

const user = {
  email: 'Fred@Example.org',
  first_name: 'Frédérique',
  last_name: 'Pétris',
  password: '123nuage!',
  city: 'Bordeaux',
  zipcode: '33300',
  street: 'Rue Marsan',
};

describe('member accounts over HTTP', () => {
  let app: TestApp;
  let program: { id: string; api_key: string; api_secret: string };
  let other: { id: string; api_key: string; api_secret: string };
  let validator: Server;
  let validatorUrl: string;
  const validations: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    validator = createServer((req, res) => {
      validations.push(req.headers);
      res.writeHead(req.headers['x-access-token'] === 'good-external-token' ? 200 : 401).end('{}');
    });
    await new Promise<void>((resolve) => validator.listen(0, '127.0.0.1', resolve));
    const address = validator.address();
    validatorUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/tc-endpoint`;
    // The external-token validator in these tests listens on loopback.
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    program = (await app.createProgram({ name: 'CforGood', external_token_validation_url: validatorUrl }))
      .data as typeof program;
    other = (await app.createProgram({ name: 'Other' })).data as typeof program;
  });
  afterAll(async () => {
    await app.stop();
    validator.close();
  });

  const asProgram = (p = program) => ({ 'Api-Key': p.api_key, 'Api-Secret': p.api_secret });
  const register = (body: Json, p = program) =>
    app.request('POST', '/v1/members', { headers: { 'Api-Key': p.api_key }, body });
  const signIn = (body: Json) => app.request('POST', '/v1/sessions', { headers: { 'Api-Key': program.api_key }, body });
  const memberHeaders = (session: Json) => ({
    'Api-Key': program.api_key,
    'X-User-Email': String(session.email),
    'X-User-Token': String(session.authentication_token),
  });

  /** Fred, the member most tests sign in as, registered once per file by whichever test needs him first. */
  let fred: ReturnType<typeof register> | undefined;
  const fredRegistered = () => (fred ??= register({ user }));

  it('registers a member, tells whether an email exists, and refuses a taken one with conflict_uniqueness', async () => {
    const created = await fredRegistered();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      data: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown },
      version: 0,
    });
    expect(
      (
        await app.request('GET', '/v1/members/exists?email=fred@example.org', {
          headers: { 'Api-Key': program.api_key },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await app.request('GET', '/v1/members/exists', {
          headers: { 'Api-Key': program.api_key, email: 'FRED@example.org' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await app.request('GET', '/v1/members/exists?email=nobody@example.org', {
          headers: { 'Api-Key': program.api_key },
        })
      ).status,
    ).toBe(404);
    const again = await register({ user: { ...user, email: 'fred@example.org' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error_name: 'conflict_uniqueness' });
    expect((await register({ user }, other)).status).toBe(201);
  });

  it('refuses bad registrations with 422 and a detail per field, and stores nothing', async () => {
    const bad = await register({ user: { ...user, email: 'not-an-email', password: 'short', city: '', extra: 'x' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error_name).toBe('invalid_request');
    const fields = (bad.body.details as Array<{ field: string }>).map((d) => d.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['user', 'user.city', 'user.email', 'user.password']));
    expect(
      (await app.request('GET', '/v1/members/exists?email=not-an-email', { headers: { 'Api-Key': program.api_key } }))
        .status,
    ).not.toBe(200);
    expect(
      (await register({ user: { ...user, email: 'nokey@example.org' } }, { ...program, api_key: 'pk_wrong' })).status,
    ).toBe(401);
  });

  it('signs in with a password (body or the seed headers), shows the profile, and signs out for good', async () => {
    await fredRegistered();
    expect((await signIn({ email: 'fred@example.org', password: 'wrong password' })).status).toBe(401);
    const viaHeaders = await app.request('POST', '/v1/sessions', {
      headers: { 'Api-Key': program.api_key, email: 'fred@example.org', password: user.password },
    });
    expect(viaHeaders.status).toBe(201);
    const signed = await signIn({ email: 'fred@example.org', password: user.password });
    expect(signed.status).toBe(201);
    const session = signed.body.data as Json;
    expect(session).toMatchObject({ email: 'fred@example.org', token_type: 'Bearer' });

    const profile = await app.request('GET', `/v1/members/${String(session.id)}`, { headers: memberHeaders(session) });
    expect(profile.status).toBe(200);
    expect(profile.headers.get('etag')).toBe(`"${String(profile.body.version)}"`);
    expect(profile.body.data).toMatchObject({
      id: session.id,
      email: 'fred@example.org',
      first_name: 'Frédérique',
      name: 'Frédérique Pétris',
      member: false,
      subscription: null,
      status: 'Non abonné',
      street: 'Rue Marsan',
      donation_attributes: [],
      uses_without_feedback: [],
    });
    const bearer = { Authorization: `Bearer ${String(session.access_token)}` };
    expect((await app.request('GET', `/v1/members/${String(session.id)}`, { headers: bearer })).status).toBe(200);

    expect((await app.request('DELETE', '/v1/sessions', { headers: memberHeaders(session) })).status).toBe(204);
    expect(
      (await app.request('GET', `/v1/members/${String(session.id)}`, { headers: memberHeaders(session) })).status,
    ).toBe(401);
    expect((await app.request('GET', `/v1/members/${String(session.id)}`, { headers: bearer })).status).toBe(401);
    const stillSigned = viaHeaders.body.data as Json;
    expect(
      (await app.request('GET', `/v1/members/${String(session.id)}`, { headers: memberHeaders(stillSigned) })).status,
    ).toBe(200);
  });

  it('updates the profile with If-Match, subscribes M at 12, and X stops the subscription and nothing else', async () => {
    await fredRegistered();
    const session = (await signIn({ email: 'fred@example.org', password: user.password })).body.data as Json;
    const path = `/v1/members/${String(session.id)}`;
    const headers = memberHeaders(session);
    const before = await app.request('GET', path, { headers });
    const version = Number(before.body.version);

    const moved = await app.request('PATCH', path, {
      headers: { ...headers, 'If-Match': `"${version}"` },
      body: { user: { city: 'Paris', zipcode: '75001' } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ data: { city: 'Paris', zipcode: '75001' }, version: version + 1 });
    const stale = await app.request('PATCH', path, {
      headers: { ...headers, 'If-Match': `"${version}"` },
      body: { user: { city: 'Lyon' } },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error_name).toBe('precondition_failed');

    const cause = await app.request('POST', '/v1/causes', {
      headers: asProgram(),
      body: { cause: { name: 'Fred’s cause' } },
    });
    const causeId = String((cause.body.data as Json).id);
    const subscribed = await app.request('PATCH', path, {
      headers,
      body: { user: { subscription: 'M', amount: 12, cause_id: causeId, stripeToken: 'tok_visa' } },
    });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(200);
    expect(subscribed.body.data).toMatchObject({
      member: true,
      subscription: 'M',
      amount: '12.00',
      cause_attributes: { id: causeId },
    });
    expect(String((subscribed.body.data as Json).status)).toMatch(/^Abonné depuis le \d{1,2} [a-zéû]+ \d{4}$/);

    const stopped = await app.request('PATCH', path, {
      headers,
      body: { user: { subscription: 'X', city: 'Marseille' } },
    });
    expect(stopped.status).toBe(200);
    expect(stopped.body.data).toMatchObject({ member: false, subscription: null, city: 'Paris', status: 'Non abonné' });
  });

  it('when a member changes the email, then the new one is taken from everyone else and the old one is free again', async () => {
    await register({ user: { ...user, email: 'mover@example.org' } });
    const session = (await signIn({ email: 'mover@example.org', password: user.password })).body.data as Json;
    const moved = await app.request('PATCH', `/v1/members/${String(session.id)}`, {
      headers: memberHeaders(session),
      body: { user: { email: 'Moved@Example.org' } },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.data).toMatchObject({ email: 'moved@example.org' });

    expect((await register({ user: { ...user, email: 'mover@example.org' } })).status).toBe(201);
    const taken = await register({ user: { ...user, email: 'moved@example.org' } });
    expect(taken.status).toBe(409);
    expect(taken.body.error_name).toBe('conflict_uniqueness');
    const other = (await signIn({ email: 'mover@example.org', password: user.password })).body.data as Json;
    const clash = await app.request('PATCH', `/v1/members/${String(other.id)}`, {
      headers: memberHeaders(other),
      body: { user: { email: 'moved@example.org' } },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error_name).toBe('conflict_uniqueness');
  });

  it('keeps members apart: another member or another program gets 404, the own program sees the profile', async () => {
    await fredRegistered();
    const mine = (await signIn({ email: 'fred@example.org', password: user.password })).body.data as Json;
    const second = await register({ user: { ...user, email: 'second@example.org' } });
    const secondId = String((second.body.data as Json).id);
    expect((await app.request('GET', `/v1/members/${secondId}`, { headers: memberHeaders(mine) })).status).toBe(404);
    expect((await app.request('GET', `/v1/members/${secondId}`, { headers: asProgram() })).status).toBe(200);
    expect((await app.request('GET', `/v1/members/${secondId}`, { headers: asProgram(other) })).status).toBe(404);
    expect(
      (
        await app.request('PATCH', `/v1/members/${secondId}`, {
          headers: memberHeaders(mine),
          body: { user: { city: 'X' } },
        })
      ).status,
    ).toBe(404);
  });

  it('signs in with an external access token checked at the program end-point, signed as seed 004 says (verified with openssl)', async () => {
    await fredRegistered();
    const refused = await signIn({ email: 'fred@example.org', access_token: 'bad-external-token' });
    expect(refused.status).toBe(401);
    const accepted = await signIn({ email: 'fred@example.org', access_token: 'good-external-token' });
    expect(accepted.status).toBe(201);

    const headers = validations.at(-1)!;
    expect(headers['x-access-token']).toBe('good-external-token');
    expect(headers['api-key']).toBe(program.api_key);
    const expiresAt = Number(headers['expires-at']);
    expect(expiresAt - Date.now() / 1000).toBeGreaterThan(30);
    const dir = mkdtempSync(join(tmpdir(), 'gs-sig-'));
    const key = await loadPlatformKey(app.knex);
    writeFileSync(join(dir, 'public.pem'), key.publicKeyPem);
    writeFileSync(join(dir, 'message'), `good-external-token|${program.api_key}|${String(headers['expires-at'])}|`);
    writeFileSync(join(dir, 'signature'), Buffer.from(String(headers.signature), 'base64'));
    const verified = execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      join(dir, 'public.pem'),
      '-signature',
      join(dir, 'signature'),
      join(dir, 'message'),
    ]);
    expect(verified.toString().trim()).toBe('Verified OK');
  });
});
