import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnex } from '../../../src/platform/db.js';
import { createTestDatabase } from '../../support/db.js';
import { ADMIN_TOKEN, freePort, startAppProcess, type AppProcess } from './app-process.js';

type Json = Record<string, unknown>;

async function call(
  app: AppProcess,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

/**
 * The process that serves a donation dies (kill -9) after its events are in the
 * store and before it answers. The client sends the same request again, with the
 * same Idempotency-Key, to the restarted app: it must get the first donation.
 */
describe('a crash between the append and the answer', () => {
  let knex: Knex;
  let databaseUrl: string;
  let port: number;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    knex = createKnex(databaseUrl);
    port = await freePort();
  });
  afterAll(async () => {
    for (const app of apps) await app.crash();
    await knex?.destroy();
  });

  const start = async (env: NodeJS.ProcessEnv): Promise<AppProcess> => {
    const app = await startAppProcess(databaseUrl, port, env);
    apps.push(app);
    return app;
  };
  const donationsRecorded = (programId: string) =>
    knex('gs_events')
      .where({ type: 'DonationRecorded' })
      .whereRaw(`data->>'programId' = ?`, [programId])
      .select<{ data: { donationId: string } }[]>('data');

  it('when the app is killed after the donation is appended and the client retries the key, then it gets the first donation and one is recorded', async () => {
    // No worker role: the test's processes take no jobs from the shared Redis.
    const setup = await start({ ROLES: 'api,projector' });
    const program = (
      await call(setup, 'POST', '/v1/admin/programs', { Authorization: `Bearer ${ADMIN_TOKEN}` }, { name: 'Crash' })
    ).body.data as { id: string; api_key: string; api_secret: string };
    const asProgram = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const campaign = await call(setup, 'POST', '/v1/campaigns', asProgram, {
      title: 'Arbres',
      slug: 'arbres-crash',
      goal: '1000.00',
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    await setup.crash();

    // No projector: the answer waits for read models that never move, so the process is still in the request when it
    // dies.
    const doomed = await start({ ROLES: 'api', READ_YOUR_WRITES_TIMEOUT_MS: '60000' });
    const key = { ...asProgram, 'Idempotency-Key': 'donation-crash-1' };
    const donation = {
      campaign_id: (campaign.body.data as Json).id,
      amount: '25.00',
      currency: 'EUR',
      method: 'card',
      payment_token: 'tok_visa',
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille@example.org',
    };
    const lost = call(doomed, 'POST', '/v1/donations', key, donation).then(
      () => 'answered',
      () => 'connection lost',
    );
    for (let i = 0; i < 200 && (await donationsRecorded(program.id)).length === 0; i++) await sleep(50);
    const [first] = await donationsRecorded(program.id);
    expect(first).toBeDefined();
    await doomed.crash();
    expect(await lost).toBe('connection lost');
    expect(
      (await knex('gs_idempotency_keys').where({ key: 'donation-crash-1' }).first<{ status: string }>('status'))
        ?.status,
    ).toBe('in_progress');

    const restarted = await start({ ROLES: 'api,projector' });
    const startedAt = Date.now();
    let retried = await call(restarted, 'POST', '/v1/donations', key, donation);
    // The dead holder's key is locked until its short lock lapses (no heartbeat extends it).
    while (retried.status === 409 && Date.now() - startedAt < 20_000) {
      await sleep(Number(retried.headers.get('retry-after') ?? '1') * 1000);
      retried = await call(restarted, 'POST', '/v1/donations', key, donation);
    }
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect((retried.body.data as Json).id).toBe(first!.data.donationId);
    expect(retried.body.data).toMatchObject({ amount: '25.00', status: 'succeeded' });
    expect(await donationsRecorded(program.id)).toHaveLength(1);
    expect(await knex('sandbox_payments').where({ program_id: program.id, kind: 'charge' })).toHaveLength(1);

    const replayed = await call(restarted, 'POST', '/v1/donations', key, donation);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
  }, 120_000);
});
