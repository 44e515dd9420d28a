import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usesWithoutFeedback } from '../../../src/projections/perks/for-members.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { catalogue, PLACES, type ProgramCredentials } from './fixture.js';

type Json = Record<string, unknown>;

describe('using perks and giving feedback', () => {
  let app: TestApp;
  let receiver: Receiver;
  let program: ProgramCredentials;
  let shop: ReturnType<typeof catalogue>;
  let businessId: string;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' });
    program = (await app.createProgram({ name: 'CforGood' })).data as ProgramCredentials;
    shop = catalogue(app, program);
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: shop.asProgram,
      body: { url: receiver.url, events: ['use.created', 'use.feedback_given'] },
    });
    expect(hook.status).toBe(201);
    businessId = await shop.business({ name: 'Origines Tea & Coffee', shop: true }, [{ ...PLACES.origines }]);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const use = (headers: Record<string, string>, perkId: string) =>
    app.request('POST', '/v1/uses', { headers, body: { use: { perk_id: perkId } } });
  const feedback = (headers: Record<string, string>, useId: string, value: string) =>
    app.request('PATCH', `/v1/uses/${useId}`, { headers, body: { use: { feedback: value } } });
  const business = async (): Promise<Json> =>
    (await app.request('GET', `/v1/businesses/${businessId}`, { headers: shop.asApp })).body.data as Json;

  it('records a use, then one feedback: the business counts it, the use leaves uses_without_feedback, and webhooks tell', async () => {
    const perkId = await shop.perk(businessId, { name: 'UN THé OFFERT !', offer: 'Offert' });
    const member = await shop.member('user@example.org');
    expect((await app.request('GET', `/v1/perks/${perkId}`, { headers: member.headers })).body.data).toMatchObject({
      usable_for_user: true,
    });

    const used = await use(member.headers, perkId);
    expect(used.status, JSON.stringify(used.body)).toBe(201);
    const useId = (used.body.data as { id: string }).id;
    expect(await usesWithoutFeedback(app.knex, program.id, member.id)).toEqual([
      {
        id: useId,
        perkName: 'UN THé OFFERT !',
        businessName: 'Origines Tea & Coffee',
        createdAt: expect.any(Date) as unknown,
      },
    ]);

    const other = await shop.member('other@example.org');
    expect((await feedback(other.headers, useId, 'like')).status).toBe(404);
    const liked = await feedback(member.headers, useId, 'like');
    expect(liked.status, JSON.stringify(liked.body)).toBe(200);
    expect(liked.body.data).toMatchObject({ id: useId, feedback: 'like', perk_id: perkId });
    const again = await feedback(member.headers, useId, 'unlike');
    expect(again.status).toBe(422);
    expect(again.body.error_name).toBe('operation_refused');
    expect(await business()).toMatchObject({ like: 1, unlike: 0 });
    expect(await usesWithoutFeedback(app.knex, program.id, member.id)).toEqual([]);

    const second = (await use(member.headers, perkId)).body.data as { id: string };
    expect((await feedback(member.headers, second.id, 'unlike')).status).toBe(200);
    expect(await business()).toMatchObject({ like: 1, unlike: 1 });
    expect((await feedback(member.headers, second.id, 'meh')).status).toBe(422);

    await until(() => receiver.received.length >= 4);
    const payloads = receiver.received.map((r) => JSON.parse(r.body.toString('utf8')) as { type: string; data: Json });
    expect(payloads.find((p) => p.type === 'use.created' && p.data.id === useId)?.data).toMatchObject({
      member_id: member.id,
      perk_id: perkId,
      perk_name: 'UN THé OFFERT !',
      business_id: businessId,
      business_name: 'Origines Tea & Coffee',
      feedback: null,
    });
    expect(payloads.find((p) => p.type === 'use.feedback_given' && p.data.id === useId)?.data).toMatchObject({
      feedback: 'like',
      member_id: member.id,
    });
  });

  it('refuses a use with 422 operation_refused when the perk is inactive, out of its dates, or the member does not subscribe', async () => {
    const member = await shop.member('refused@example.org');
    const inactive = await shop.perk(businessId, { name: 'Off', active: false });
    const ended = await shop.perk(businessId, { name: 'Ended', end_date: '2020-01-31' });
    const later = await shop.perk(businessId, { name: 'Later', start_date: '2999-01-01' });
    for (const perkId of [inactive, ended, later]) {
      const answer = await use(member.headers, perkId);
      expect(answer.status).toBe(422);
      expect(answer.body.error_name).toBe('operation_refused');
    }
    const open = await shop.perk(businessId, { name: 'Open' });
    const visitor = await shop.member('visitor@example.org', false);
    expect((await use(visitor.headers, open)).status).toBe(422);
    expect((await app.request('GET', `/v1/perks/${open}`, { headers: visitor.headers })).body.data).toMatchObject({
      usable_for_user: false,
    });
    expect((await use(member.headers, open)).status).toBe(201);
    expect((await use(shop.asApp, open)).status).toBe(401);
  });

  it('gives the last use of a flash perk to exactly one of two members racing for it', async () => {
    const flash = await shop.perk(businessId, { name: 'OFFRE FLASH', flash: true, times: 1 });
    const [a, b] = [await shop.member('a@example.org'), await shop.member('b@example.org')];
    const answers = await Promise.all([use(a.headers, flash), use(b.headers, flash)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(answers.find((r) => r.status === 422)!.body.error_name).toBe('operation_refused');
    const perk = (await app.request('GET', `/v1/perks/${flash}`, { headers: a.headers })).body.data;
    expect(perk).toMatchObject({ flash: true, times_remaining: 0, usable_for_user: false });
    const refilled = await app.request('PATCH', `/v1/perks/${flash}`, {
      headers: shop.asProgram,
      body: { perk: { times: 3 } },
    });
    expect(refilled.body.data).toMatchObject({ times: 3, times_remaining: 3 });
  });
});
