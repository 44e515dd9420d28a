import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

interface Invited {
  nb_contacts: number;
  sponsoring_done: boolean;
  code_sponsor: string;
}

describe('invitations over HTTP', () => {
  let app: TestApp;
  let program: { id: string; api_key: string; api_secret: string };

  beforeAll(async () => {
    app = await startTestApp();
    program = (await app.createProgram({ name: 'Invites' })).data as typeof program;
  });
  afterAll(() => app.stop());

  async function member(email: string): Promise<Record<string, string>> {
    const user = {
      email,
      first_name: 'Allan',
      last_name: 'Floury',
      password: 'password-1',
      city: 'Bordeaux',
      zipcode: '33300',
    };
    expect(
      (await app.request('POST', '/v1/members', { headers: { 'Api-Key': program.api_key }, body: { user } })).status,
    ).toBe(201);
    const session = (
      await app.request('POST', '/v1/sessions', {
        headers: { 'Api-Key': program.api_key },
        body: { email, password: user.password },
      })
    ).body.data as { authentication_token: string };
    return { 'Api-Key': program.api_key, 'X-User-Email': email, 'X-User-Token': session.authentication_token };
  }
  const contact = (first_name: string) => ({
    email: `${first_name.toLowerCase()}@example.org`,
    first_name,
    last_name: 'Pétris',
    city: 'Bordeaux',
    phone: '0102030405',
  });
  const invite = (headers: Record<string, string>, contacts: unknown[]) =>
    app.request('POST', '/v1/invitations', { headers, body: { contacts } });

  it('when a member invites contacts twice, then nb_contacts is the running total and the sponsor code is the same every time', async () => {
    const allan = await member('allan@example.org');
    const first = await invite(allan, [
      contact('Fred'),
      { first_name: 'Zaz', last_name: 'Doe', city: 'Pau', phone: '0600000000' },
    ]);
    expect(first.status).toBe(201);
    const a = first.body.data as Invited;
    expect(a).toMatchObject({ nb_contacts: 2, sponsoring_done: true });
    expect(a.code_sponsor).toMatch(/^GOODSPONSOR[A-Z2-9]{6}$/);
    const second = (await invite(allan, [contact('Mathilde')])).body.data as Invited;
    expect(second).toEqual({ nb_contacts: 3, sponsoring_done: true, code_sponsor: a.code_sponsor });

    const other = (await invite(await member('other@example.org'), [contact('Lou')])).body.data as Invited;
    expect(other.nb_contacts).toBe(1);
    expect(other.code_sponsor).not.toBe(a.code_sponsor);
  });

  it('when two invitations of one member race, then both show the one code the member holds', async () => {
    const racer = await member('racer@example.org');
    const answers = await Promise.all([
      invite(racer, [contact('A')]),
      invite(racer, [contact('B')]),
      invite(racer, [contact('C')]),
    ]);
    const codes = new Set(answers.map((r) => (r.body.data as Invited).code_sponsor));
    const last = (await invite(racer, [contact('D')])).body.data as Invited;
    expect(codes).toEqual(new Set([last.code_sponsor]));
    expect(last.nb_contacts).toBe(4);
  });

  it('when the body is wrong or the caller is not a member, then 422 with details, or 401', async () => {
    const bad = await invite(await member('bad@example.org'), [{ first_name: 'x', extra: true }]);
    expect(bad.status).toBe(422);
    expect(bad.body.error_name).toBe('invalid_request');
    expect(
      (
        await app.request('POST', '/v1/invitations', {
          headers: { 'Api-Key': program.api_key },
          body: { contacts: [contact('Nope')] },
        })
      ).status,
    ).toBe(401);
    const empty = await invite(await member('empty@example.org'), []);
    expect(empty.status).toBe(422);
  });
});
