import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { memberHelpers, type Json, type Profile } from '../../support/fixtures/members.js';

const CARD = 'tok_visa_e2e_4242';
const DAY = 24 * 3600 * 1000;

describe('member subscriptions, billing and donations over HTTP', () => {
  let app: TestApp;
  let receiver: Receiver;
  let program: { id: string; api_key: string; api_secret: string };
  let cause: string;
  let asProgram: Record<string, string>;

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' });
    program = (await app.createProgram({ name: 'CforGood', cause_share_percent: 80 })).data as typeof program;
    asProgram = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    cause = await createCause(asProgram, { name: 'Ecolo Info', city: 'National' });
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret },
      body: { name: 'donations', url: receiver.url, events: ['member.donation_made', 'member.subscription_changed'] },
    });
    expect(hook.status).toBe(201);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const { createCause, member, patch, profile } = memberHelpers(() => ({ app, program }));
  const billing = () => app.running.workers.get('member-billing')!;

  it('when a member subscribes monthly at 12.00 with a card, then the first period is charged, the donation recorded, and a month later the worker bills the second', async () => {
    // Its own cause: the cause's total it asserts counts only this test's donations.
    const cause = await createCause(asProgram, { name: 'Ecolo Info', city: 'National' });
    const fred = await member('fred@example.org');
    const subscribed = await patch(fred, { cause_id: cause, subscription: 'M', amount: '12.00', stripeToken: CARD });
    expect(subscribed.status).toBe(200);
    const first = subscribed.body.data as Profile;
    expect(first).toMatchObject({
      member: true,
      subscription: 'M',
      amount: '12.00',
      cause_attributes: { id: cause, total_donation: '9.60' },
    });
    expect(first.status).toMatch(/^Abonné depuis le \d+ \S+ \d{4}$/);
    expect(first.donation_attributes).toEqual([
      {
        cause_name: 'Ecolo Info',
        created_at: expect.any(String) as unknown,
        subscription: 'M',
        amount: '12.00',
        donation: '9.60',
        currency: 'EUR',
      },
    ]);

    // A second member giving to the same cause raises its total for everyone.
    const mathilde = await member('mathilde@example.org');
    expect(
      (await patch(mathilde, { cause_id: cause, subscription: 'Y', amount: '100.00', stripeToken: CARD })).status,
    ).toBe(200);

    const monthLater = new Date(Date.now() + 32 * DAY);
    expect(await billing().tick(monthLater)).toBeGreaterThanOrEqual(1);
    const after = await eventually(
      () => profile(fred),
      (p) => p.donation_attributes.length === 2,
    );
    expect(after.donation_attributes.map((d) => [d.amount, d.donation])).toEqual([
      ['12.00', '9.60'],
      ['12.00', '9.60'],
    ]);
    expect(after.member).toBe(true);
    // 9.60 + 9.60 from Fred, 80.00 from Mathilde's yearly 100.00 (not due again for a year).
    expect(after.cause_attributes).toMatchObject({ id: cause, name: 'Ecolo Info', total_donation: '99.20' });
    expect((await profile(mathilde)).donation_attributes).toHaveLength(1);

    // Billing the same time again charges nothing more.
    await billing().tick(monthLater);
    expect((await profile(fred)).donation_attributes).toHaveLength(2);
  });

  it('when the card is declined (tok_fail), then 422 operation_refused with the provider reason, and the member stays not a member', async () => {
    const zaz = await member('zaz@example.org');
    const refused = await patch(zaz, {
      cause_id: cause,
      city: 'Paris',
      subscription: 'M',
      amount: '12.00',
      stripeToken: 'tok_fail',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error_name: 'operation_refused' });
    expect(JSON.stringify(refused.body)).toMatch(/declined/);
    const after = await profile(zaz);
    expect(after).toMatchObject({
      member: false,
      subscription: null,
      status: 'Non abonné',
      cause_attributes: null,
      donation_attributes: [],
    });
    expect(
      (
        await app.request('GET', `/v1/members/${zaz.id}`, {
          headers: { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret },
        })
      ).body.data,
    ).toMatchObject({ city: 'Bordeaux' });
    const noCard = await patch(zaz, { cause_id: cause, subscription: 'M', amount: '12.00' });
    expect(noCard.status).toBe(422);
    // A good card afterwards is a new charge, not the declined one again.
    expect(
      (await patch(zaz, { cause_id: cause, subscription: 'M', amount: '12.00', stripeToken: CARD })).body.data,
    ).toMatchObject({ member: true });
  });

  it('when a renewal is declined, then the member is past due (not a member) until a new card pays on a later tick', async () => {
    const late = await member('late@example.org');
    expect((await patch(late, { cause_id: cause, subscription: 'M', amount: '15.00', stripeToken: CARD })).status).toBe(
      200,
    );
    expect((await patch(late, { stripeToken: 'tok_fail' })).status).toBe(200);
    const due = new Date(Date.now() + 33 * DAY);
    await billing().tick(due);
    const pastDue = await eventually(
      () => profile(late),
      (p) => !p.member,
    );
    expect(pastDue).toMatchObject({ member: false, subscription: 'M' });
    expect(pastDue.status).toMatch(/^Paiement en retard depuis le /);
    expect(pastDue.donation_attributes).toHaveLength(1);
    // This member's own past_due notice, not another test's.
    await until(() =>
      receiver.received.some((r) => {
        const body = r.body.toString('utf8');
        return /"status":"past_due"/.test(body) && body.includes(late.id);
      }),
    );

    expect((await patch(late, { stripeToken: CARD })).status).toBe(200);
    await billing().tick(new Date(due.getTime() + DAY));
    const paid = await eventually(
      () => profile(late),
      (p) => p.member,
    );
    expect(paid.donation_attributes.map((d) => d.amount)).toEqual(['15.00', '15.00']);
    expect(paid.status).toMatch(/^Abonné depuis le /);
  });

  it('when donations are made, then member.donation_made reaches a real receiver, and the card never appears in events or read models', async () => {
    // Its own cause and member, so the donation it waits for is its own.
    const ownCause = await createCause(asProgram, { name: 'Ecolo Info', city: 'National' });
    const giver = await member(`giver-${randomUUID()}@example.org`);
    const subscribed = await patch(giver, {
      cause_id: ownCause,
      subscription: 'M',
      amount: '12.00',
      stripeToken: CARD,
    });
    expect(subscribed.status).toBe(200);
    const payloads = () => receiver.received.map((r) => JSON.parse(r.body.toString('utf8')) as Json);
    const made = () =>
      payloads().find((p) => p.type === 'member.donation_made' && (p.data as Json).cause_id === ownCause);
    await until(() => made() !== undefined);
    const donation = made()!;
    expect(donation.data).toMatchObject({
      cause_id: ownCause,
      subscription: 'M',
      amount: '12.00',
      donation: '9.60',
      currency: 'EUR',
    });
    const events = await app
      .knex('gs_events')
      .whereRaw('data::text like ? or metadata::text like ?', [`%${CARD}%`, `%${CARD}%`])
      .count<Array<{ count: string }>>('* as count');
    expect(Number(events[0]?.count)).toBe(0);
    const sealed = await app.knex('gs_member_payment_methods').pluck<string[]>('sealed_token');
    expect(sealed.length).toBeGreaterThan(0);
    for (const value of sealed) expect(value).not.toContain(CARD);
    const members = await app.knex('rm_members').select();
    expect(JSON.stringify(members)).not.toContain(CARD);
  });

  it('when If-Match is stale, then 412 before any card is charged; with the current version, the subscription goes through', async () => {
    const careful = await member('careful@example.org');
    const current = await app.request('GET', `/v1/members/${careful.id}`, { headers: careful.headers });
    const etag = String(current.headers.get('etag'));
    const body = { user: { cause_id: cause, subscription: 'M', amount: '12.00', stripeToken: CARD } };
    const stale = await app.request('PATCH', `/v1/members/${careful.id}`, {
      headers: { ...careful.headers, 'If-Match': '"99"' },
      body,
    });
    expect(stale.status).toBe(412);
    const charges = () =>
      app
        .knex('sandbox_payments')
        .whereLike('idempotency_key', `charge:member:${careful.id}:%`)
        .pluck<string[]>('idempotency_key');
    expect(await charges()).toEqual([]);
    const fresh = await app.request('PATCH', `/v1/members/${careful.id}`, {
      headers: { ...careful.headers, 'If-Match': etag },
      body,
    });
    expect(fresh.status).toBe(200);
    expect(await charges()).toHaveLength(1);
  });

  it('when two PATCHes subscribe at once with two cards, then one first period is recorded and the other charge is refunded', async () => {
    const twice = await member('twice@example.org');
    const answers = await Promise.all(
      ['tok_card_one', 'tok_card_two'].map((token) =>
        patch(twice, { cause_id: cause, subscription: 'M', amount: '12.00', stripeToken: token }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await profile(twice)).donation_attributes).toHaveLength(1);
    const rows = await app
      .knex('sandbox_payments')
      .whereLike('idempotency_key', `%member:${twice.id}:%`)
      .select<Array<{ kind: string }>>('kind');
    const kinds = rows.map((r) => r.kind).sort();
    // Either both were charged and one refunded, or the second saw the subscription and charged nothing.
    expect([['charge', 'charge', 'refund'], ['charge']]).toContainEqual(kinds);
  });

  it('when X is sent, then the subscription stops and nothing else changes', async () => {
    const stop = await member('stop@example.org');
    expect((await patch(stop, { cause_id: cause, subscription: 'M', amount: '12.00', stripeToken: CARD })).status).toBe(
      200,
    );
    const stopped = await patch(stop, { subscription: 'X', city: 'Lyon' });
    expect(stopped.body.data).toMatchObject({ member: false, subscription: null, city: 'Bordeaux' });
    await billing().tick(new Date(Date.now() + 40 * DAY));
    expect((await profile(stop)).donation_attributes).toHaveLength(1);
  });
});
