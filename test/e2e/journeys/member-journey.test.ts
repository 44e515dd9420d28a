import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';
import { catalogue, PLACES, type ProgramCredentials } from '../perks/fixture.js';

interface Profile {
  member: boolean;
  status: string;
  cause_attributes: { id: string; name?: string; city?: string | null; total_donation: string } | null;
  donation_attributes: Array<{ cause_name: string | null; amount: string; donation: string; subscription: string }>;
  trial_attributes: { date_end_partner: string; partner_name: string | null } | null;
  uses_without_feedback: Array<{ id: string; perk_name: string; business_name: string }>;
}

/**
 * Issue 5's journey across the members and perks contexts, over HTTP only:
 * the catalogue the program builds is what the member chooses from, and what
 * the member does shows on the catalogue and the profile.
 */
describe('a member’s journey: partner code, cause, subscription, billing, a perk and its feedback', () => {
  let app: TestApp;
  let program: ProgramCredentials;
  let shop: ReturnType<typeof catalogue>;

  beforeAll(async () => {
    app = await startTestApp();
    program = (await app.createProgram({ name: 'CforGood Bordeaux', cause_share_percent: 80 }))
      .data as ProgramCredentials;
    shop = catalogue(app, program);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when a member registers with a partner code, subscribes to a cause at 12.00 a month and is billed a month later, then the profile and the cause show both donations', async () => {
    await shop.created('/v1/partner-codes', {
      partner_code: {
        code_partner: 'CFORGOODBDX',
        partner_name: 'Label Terre',
        latitude: PLACES.bordeaux.lat,
        longitude: PLACES.bordeaux.lng,
        radius_km: 20,
        trial_months: 1,
        gift_months: 0,
      },
    });
    const causeId = await shop.created('/v1/causes', {
      cause: { name: 'Ecolo Info', city: 'Bordeaux', latitude: 44.84, longitude: -0.58 },
    });

    const usable = await app.request('POST', '/v1/partner-codes/check', {
      headers: shop.asApp,
      body: { code_partner: 'cforgoodbdx', ...PLACES.bordeaux },
    });
    expect(usable.status).toBe(200);
    const user = {
      email: 'fred@example.org',
      first_name: 'Fred',
      last_name: 'Pétris',
      password: '123nuage!',
      city: 'Bordeaux',
      zipcode: '33300',
      code_partner: 'CFORGOODBDX',
    };
    const registered = await app.request('POST', '/v1/members', { headers: shop.asApp, body: { user } });
    expect(registered.status).toBe(201);
    const session = await app.request('POST', '/v1/sessions', {
      headers: shop.asApp,
      body: { email: user.email, password: user.password },
    });
    const data = session.body.data as { id: string; authentication_token: string };
    const me = { ...shop.asApp, 'X-User-Email': user.email, 'X-User-Token': data.authentication_token };
    const profile = async (): Promise<Profile> => {
      const answer = await app.request('GET', `/v1/members/${data.id}`, { headers: me });
      expect(answer.status).toBe(200);
      return answer.body.data as Profile;
    };

    const onTrial = await profile();
    expect(onTrial.member).toBe(true);
    expect(onTrial.trial_attributes?.partner_name).toBe('Label Terre');

    const chosen = await app.request('GET', `/v1/causes/${causeId}`, { headers: me });
    expect(chosen.body.data).toMatchObject({ name: 'Ecolo Info', user_cause: false });
    const subscribed = await app.request('PATCH', `/v1/members/${data.id}`, {
      headers: me,
      body: { user: { subscription: 'M', amount: 12, cause_id: causeId, stripeToken: 'tok_visa' } },
    });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(200);
    expect((await app.request('GET', `/v1/causes/${causeId}`, { headers: me })).body.data).toMatchObject({
      user_cause: true,
    });

    const nextMonth = new Date(Date.now() + 32 * 24 * 3600 * 1000);
    expect(await app.running.workers.get('member-billing')!.tick(nextMonth)).toBe(1);
    // The worker's tick ends when the charge is recorded; the profile's read model follows it.
    const billed = await eventually(profile, (p) => p.donation_attributes.length === 2);
    expect(billed.cause_attributes).toMatchObject({
      id: causeId,
      name: 'Ecolo Info',
      city: 'Bordeaux',
      total_donation: '19.20',
    });
    expect(billed.donation_attributes).toHaveLength(2);
    for (const donation of billed.donation_attributes)
      expect(donation).toMatchObject({
        cause_name: 'Ecolo Info',
        amount: '12.00',
        donation: '9.60',
        subscription: 'M',
      });
    expect(billed.status).toMatch(/^Abonné depuis le /);

    // The profile just read is one the app may keep; a change to another context's read model still shows at once.
    const renamed = await app.request('PATCH', `/v1/causes/${causeId}`, {
      headers: shop.asProgram,
      body: { cause: { name: 'Ecolo Info Gironde' } },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const afterRename = await profile();
    expect(afterRename.cause_attributes).toMatchObject({
      id: causeId,
      name: 'Ecolo Info Gironde',
      total_donation: '19.20',
    });
    expect(afterRename.donation_attributes.map((d) => d.cause_name)).toEqual([
      'Ecolo Info Gironde',
      'Ecolo Info Gironde',
    ]);
  });

  it('when the member uses a perk and likes it, then the use waits for feedback on the profile until given, and the business counts the like', async () => {
    const businessId = await shop.business({ name: 'Label Terre', shop: true, online: false }, [
      { street: 'Rue Marsan', city: 'Bordeaux', zipcode: '33300', ...PLACES.inspireself, main: true },
    ]);
    const perkId = await shop.perk(businessId, {
      name: 'Un cookie offert',
      offer: 'Offert',
      perk_detail_id: 1,
      active: true,
    });
    const member = await shop.member('ana@example.org');

    const perk = await app.request('GET', `/v1/perks/${perkId}`, { headers: member.headers });
    expect(perk.body.data).toMatchObject({ usable_for_user: true, perk_detail_name: 'carte' });
    const use = await app.request('POST', '/v1/uses', { headers: member.headers, body: { use: { perk_id: perkId } } });
    expect(use.status, JSON.stringify(use.body)).toBe(201);
    const useId = (use.body.data as { id: string }).id;

    const waiting = (await app.request('GET', `/v1/members/${member.id}`, { headers: member.headers })).body
      .data as Profile;
    expect(waiting.uses_without_feedback).toEqual([
      expect.objectContaining({ id: useId, perk_name: 'Un cookie offert', business_name: 'Label Terre' }),
    ]);

    const liked = await app.request('PATCH', `/v1/uses/${useId}`, {
      headers: member.headers,
      body: { use: { feedback: 'like' } },
    });
    expect(liked.status, JSON.stringify(liked.body)).toBe(200);
    const rated = (await app.request('GET', `/v1/members/${member.id}`, { headers: member.headers })).body
      .data as Profile;
    expect(rated.uses_without_feedback).toEqual([]);
    const business = await app.request('GET', `/v1/businesses/${businessId}`, { headers: member.headers });
    expect(business.body.data).toMatchObject({ like: 1, unlike: 0 });
  });
});
