import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { catalogue, PLACES, type ProgramCredentials } from '../perks/fixture.js';

/** An Idempotency-Key belongs to its caller, and an answer with credentials is never kept. */
describe('Idempotency-Key and who sends it', () => {
  let app: TestApp;
  let program: ProgramCredentials;
  let shop: ReturnType<typeof catalogue>;

  beforeAll(async () => {
    app = await startTestApp();
    program = (await app.createProgram({ name: 'Keys' })).data as ProgramCredentials;
    shop = catalogue(app, program);
  });
  afterAll(() => app.stop());

  const storedAnswers = async (key: string): Promise<string[]> =>
    (
      await app.knex('gs_idempotency_keys').where({ key }).select<{ response_body: Buffer | null }[]>('response_body')
    ).map((r) => r.response_body?.toString('utf8') ?? '');

  it('when a sign-in is sent again with its Idempotency-Key and a wrong password, then 401, and no answer with tokens was ever kept', async () => {
    const member = await shop.member('signin@example.org', false);
    const key = 'sign-in-key-1';
    // The credentials in headers, as the README shows: the body, and so the fingerprint, is the same for any password.
    const signIn = (password: string) =>
      app.request('POST', '/v1/sessions', {
        headers: { ...shop.asApp, 'Idempotency-Key': key, email: 'signin@example.org', password },
      });
    const first = await signIn('correct horse');
    expect(first.status).toBe(201);
    expect((first.body.data as { id: string }).id).toBe(member.id);

    const stolen = await signIn('not-the-password');
    expect(stolen.status).toBe(401);
    expect(stolen.body).not.toHaveProperty('data');
    expect(stolen.headers.get('idempotent-replayed')).toBeNull();
    const kept = await storedAnswers(key);
    expect(kept.filter((body) => /token/i.test(body))).toEqual([]);
  });

  it('when member 2 reuses member 1’s key on POST /v1/uses, then its own use is recorded', async () => {
    const businessId = await shop.business({ name: 'La Cagette', shop: true }, [{ ...PLACES.origines }]);
    const perkId = await shop.perk(businessId, { name: 'UN CAFÉ', offer: 'Offert' });
    const [one, two] = [await shop.member('uses-1@example.org'), await shop.member('uses-2@example.org')];
    const use = (headers: Record<string, string>) =>
      app.request('POST', '/v1/uses', {
        headers: { ...headers, 'Idempotency-Key': 'use-key' },
        body: { use: { perk_id: perkId } },
      });

    const first = await use(one.headers);
    const second = await use(two.headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    const ids = [first, second].map((r) => (r.body.data as { id: string }).id);
    expect(ids[1]).not.toBe(ids[0]);
    const rows = await app
      .knex('rm_perk_uses')
      .whereIn('id', ids)
      .select<{ id: string; member_id: string }[]>('id', 'member_id');
    expect(Object.fromEntries(rows.map((r) => [r.id, r.member_id]))).toEqual({ [ids[0]!]: one.id, [ids[1]!]: two.id });

    // Member 1 sending its key again is its own replay.
    const again = await use(one.headers);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((again.body.data as { id: string }).id).toBe(ids[0]);
  });

  it('when member 2 reuses member 1’s key on POST /v1/invitations, then it gets its own sponsor code', async () => {
    const [one, two] = [
      await shop.member('invites-1@example.org', false),
      await shop.member('invites-2@example.org', false),
    ];
    const body = { contacts: [{ first_name: 'Lou', last_name: 'Doe', city: 'Pau', phone: '0600000000' }] };
    const invite = (headers: Record<string, string>) =>
      app.request('POST', '/v1/invitations', { headers: { ...headers, 'Idempotency-Key': 'invite-key' }, body });

    const first = (await invite(one.headers)).body.data as { code_sponsor: string; nb_contacts: number };
    const second = await invite(two.headers);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    const code = (second.body.data as { code_sponsor: string }).code_sponsor;
    expect(code).not.toBe(first.code_sponsor);
    const held = await app.knex('rm_members').where({ id: two.id }).first<{ nb_contacts: number }>('nb_contacts');
    expect(held?.nb_contacts).toBe(1);
  });
});
