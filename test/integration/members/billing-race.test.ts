import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billDuePeriods } from '../../../src/commands/members/bill-subscription.js';
import { paymentMethods } from '../../../src/commands/members/payment-methods.js';
import { start, type Running } from '../../../src/main.js';
import { loadConfig } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logger.js';
import { sandboxPayments } from '../../../src/platform/payments/index.js';
import { loadSecretBox } from '../../../src/platform/secret-box.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';

const DAY = 24 * 3600 * 1000;

describe('billing races: two workers billing the same period', () => {
  let app: TestApp;
  let second: Running;
  let program: { id: string; api_key: string; api_secret: string };
  let causeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    program = (await app.createProgram({ name: 'Race', cause_share_percent: 75 })).data as typeof program;
    const cause = await app.request('POST', '/v1/causes', {
      headers: { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret },
      body: { cause: { name: 'Race cause' } },
    });
    causeId = String((cause.body.data as { id: string }).id);
    // A second app on the same database, worker role only, with queues of its own: only the provider key and the event
    // store can stop it.
    const config = loadConfig({
      ...process.env,
      DATABASE_URL: app.databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ROLES: 'worker',
      POLL_INTERVAL_MS: '50',
    });
    second = await start(config, createLogger('silent'), { queuePrefix: `gs-test-race-${Date.now()}` });
  });
  afterAll(async () => {
    await second.stop();
    await app.stop();
  });

  async function subscribedMember(email: string): Promise<string> {
    const user = {
      email,
      first_name: 'Race',
      last_name: 'Condition',
      password: 'password-1',
      city: 'Pau',
      zipcode: '64000',
    };
    const id = String(
      (
        (await app.request('POST', '/v1/members', { headers: { 'Api-Key': program.api_key }, body: { user } })).body
          .data as { id: string }
      ).id,
    );
    const session = (
      await app.request('POST', '/v1/sessions', {
        headers: { 'Api-Key': program.api_key },
        body: { email, password: user.password },
      })
    ).body.data as { authentication_token: string };
    const headers = { 'Api-Key': program.api_key, 'X-User-Email': email, 'X-User-Token': session.authentication_token };
    const answer = await app.request('PATCH', `/v1/members/${id}`, {
      headers,
      body: { user: { cause_id: causeId, subscription: 'M', amount: '10.00', stripeToken: 'tok_race' } },
    });
    expect(answer.status).toBe(200);
    return id;
  }

  const charges = async (memberId: string) => {
    const count = async (query: Promise<Array<{ count: string }>>) => Number((await query)[0]?.count ?? 0);
    return {
      events: await count(
        app
          .knex('gs_events')
          .where({ stream_name: `member-${memberId}`, type: 'SubscriptionCharged' })
          .count('* as count'),
      ),
      donations: await count(app.knex('rm_member_donations').where({ member_id: memberId }).count('* as count')),
      provider: await count(
        app.knex('sandbox_payments').whereLike('idempotency_key', `charge:member:${memberId}:%`).count('* as count'),
      ),
    };
  };

  it('when two apps tick the same due time at once (and each twice), then the period is charged once and one donation is recorded', async () => {
    const memberId = await subscribedMember('race@example.org');
    const at = new Date(Date.now() + 31 * DAY);
    const a = app.running.workers.get('member-billing')!;
    const b = second.workers.get('member-billing')!;
    await Promise.all([a.tick(at), b.tick(at), a.tick(at), b.tick(at)]);
    const counted = await eventually(
      () => charges(memberId),
      (c) => c.donations >= 2,
    );
    // The first period when subscribing, the second by the workers: once each.
    expect(counted).toEqual({ events: 2, donations: 2, provider: 2 });
  });

  it('when ten billing runs for one member race without any queue, then the event store records the period once', async () => {
    const memberId = await subscribedMember('race10@example.org');
    const payments = sandboxPayments(app.knex);
    let asked = 0;
    const counting = {
      ...payments,
      charge: (r: Parameters<typeof payments.charge>[0]) => ((asked += 1), payments.charge(r)),
    };
    const deps = {
      store: app.running.infra.store,
      payments: counting,
      paymentMethods: paymentMethods(app.knex, () => loadSecretBox(app.knex)),
      causeSharePercent: () => Promise.resolve(75),
    };
    const at = new Date(Date.now() + 31 * DAY);
    const runs = await Promise.all(Array.from({ length: 10 }, () => billDuePeriods(deps, memberId, program.id, at)));
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(asked).toBeGreaterThanOrEqual(1);
    const counted = await eventually(
      () => charges(memberId),
      (c) => c.donations >= 2,
    );
    expect(counted).toEqual({ events: 2, donations: 2, provider: 2 });
    const donations = await app
      .knex('rm_member_donations')
      .where({ member_id: memberId })
      .orderBy('created_at', 'desc')
      .select<Array<{ amount: string; donation: string }>>('amount', 'donation');
    expect(donations[0]).toMatchObject({ amount: '1000', donation: '750' });
  });
});
