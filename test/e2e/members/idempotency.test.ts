import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

const user = (email: string) => ({
  user: { email, first_name: 'Ida', last_name: 'Key', password: 'password-1', city: 'Bordeaux', zipcode: '33000' },
});

describe('Idempotency-Key on POST /v1/members', () => {
  let app: TestApp;
  let apiKey: string;
  beforeAll(async () => {
    app = await startTestApp();
    apiKey = String(((await app.createProgram({ name: 'Idem' })).data as { api_key: string }).api_key);
  });
  afterAll(async () => {
    await app.stop();
  });

  const post = (key: string, body: unknown) =>
    app.request('POST', '/v1/members', { headers: { 'Api-Key': apiKey, 'Idempotency-Key': key }, body });
  const members = (email: string) => app.knex('rm_members').where({ email }).count<{ count: string }[]>('* as count');

  it('when the same key and body come again, then the first answer is replayed and one member exists', async () => {
    const first = await post('key-1', user('one@example.org'));
    const again = await post('key-1', user('one@example.org'));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(Number((await members('one@example.org'))[0]!.count)).toBe(1);
  });

  it('when the same key comes with another body, then 409 conflict', async () => {
    await post('key-2', user('two@example.org'));
    const other = await post('key-2', user('other@example.org'));
    expect(other.status).toBe(409);
    expect(other.body.error_name).toBe('conflict');
    expect(Number((await members('other@example.org'))[0]!.count)).toBe(0);
  });

  it('when two requests with one key race, then one answer, one 409 and one member', async () => {
    const [a, b] = await Promise.all([
      post('key-3', user('race@example.org')),
      post('key-3', user('race@example.org')),
    ]);
    // Registration hashes a password (tens of ms), so the second always arrives while the first runs.
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.error_name).toBe('conflict');
    expect(Number((await members('race@example.org'))[0]!.count)).toBe(1);
  });

  it('when the first request was refused by validation, then nothing was kept and the corrected one succeeds with the same key', async () => {
    const refused = await post('key-4', { user: { email: 'four@example.org' } });
    expect(refused.status).toBe(422);
    const corrected = await post('key-4', user('four@example.org'));
    expect(corrected.status).toBe(201);
  });
});
