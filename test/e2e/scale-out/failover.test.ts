import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../../src/contexts.js';
import { createKnex } from '../../../src/platform/db.js';
import { createTestDatabase } from '../../support/db.js';
import { startProcess, type AppProcess } from '../../support/processes.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';

const CLI = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url));
const ADMIN = `failover-admin-${randomBytes(8).toString('hex')}`;
/** Every read model and the webhook dispatcher: the locks a projector holds. */
const LOCKS = allProjections.length + 1;

/** How many projection locks each process holds now, by its process id. */
async function lockHolders(knex: Knex): Promise<Map<number, number>> {
  const { rows } = await knex.raw<{ rows: Array<{ name: string; n: string }> }>(
    `select a.application_name as name, count(*) as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
     where l.locktype = 'advisory' and l.granted and a.datname = current_database()
       and a.application_name like 'goodstream projections (process %' group by 1`,
  );
  return new Map(rows.map((r) => [Number(/\(process (\d+)\)/.exec(r.name)?.[1]), Number(r.n)]));
}

async function call(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

function rebuild(databaseUrl: string, projection: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'projections', 'rebuild', projection], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('two api and two projector,worker processes on one PostgreSQL and Redis', () => {
  let databaseUrl: string;
  let knex: Knex;
  let receiver: Receiver;
  const processes: AppProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    knex = createKnex(databaseUrl);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill('SIGTERM');
    await receiver.close();
    await knex.destroy();
  });

  it('when the projector holding the locks is killed under load, then the other takes over within 5 s and nothing is lost, doubled or stale', async () => {
    const env = {
      DATABASE_URL: databaseUrl,
      ADMIN_TOKEN: ADMIN,
      QUEUE_PREFIX: `gs-failover-${randomBytes(4).toString('hex')}`,
      POLL_INTERVAL_MS: '50',
      RATE_LIMIT: '0',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
    };
    const first = await startProcess('projector-1', { ...env, ROLES: 'projector,worker' });
    processes.push(first);
    await until(async () => (await lockHolders(knex)).get(first.pid) === LOCKS, 60_000);
    console.log('failover: projector-1 holds the locks');
    const second = await startProcess('projector-2', { ...env, ROLES: 'projector,worker' });
    const apis = [
      await startProcess('api-1', { ...env, ROLES: 'api' }),
      await startProcess('api-2', { ...env, ROLES: 'api' }),
    ];
    processes.push(second, ...apis);
    for (const api of apis)
      await until(async () => (await fetch(`${api.baseUrl}/health`).catch(() => null))?.ok === true, 90_000).catch(
        (error: unknown) => {
          throw new Error(`${api.name} did not answer /health: ${String(error)}\n${api.stderr()}`);
        },
      );

    console.log('failover: both APIs answer');
    const program = await call(
      apis[0]!.baseUrl,
      'POST',
      '/v1/admin/programs',
      { Authorization: `Bearer ${ADMIN}` },
      { name: 'failover' },
    );
    expect(program.status, JSON.stringify(program.body)).toBe(201);
    const { api_key: apiKey, api_secret: apiSecret } = program.body.data as { api_key: string; api_secret: string };
    const credentials = { 'Api-Key': apiKey, 'Api-Secret': apiSecret };
    const hook = await call(apis[1]!.baseUrl, 'POST', '/v1/webhooks', credentials, {
      url: receiver.url,
      events: ['member.registered'],
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);

    // Writers through both APIs; each reads its write back at once from the API that took it.
    let writing = true;
    const registered: string[] = [];
    const problems: string[] = [];
    const writer = async (base: string): Promise<void> => {
      while (writing) {
        const email = `${randomUUID()}@example.org`;
        const user = {
          email,
          first_name: 'F',
          last_name: 'O',
          password: 'fail0ver!',
          city: 'Bordeaux',
          zipcode: '33000',
        };
        const created = await call(base, 'POST', '/v1/members', { 'Api-Key': apiKey }, { user });
        if (created.status !== 201) {
          problems.push(`POST ${base} answered ${created.status}`);
          continue;
        }
        const id = String((created.body.data as { id: string }).id);
        registered.push(id);
        const read = await call(base, 'GET', `/v1/members/${id}`, credentials);
        if (read.status !== 200)
          problems.push(`GET ${base}/v1/members/${id} right after its write answered ${read.status}`);
      }
    };
    const writers = apis.flatMap((api) => [writer(api.baseUrl), writer(api.baseUrl)]);
    await until(() => registered.length >= 10, 60_000);

    expect((await lockHolders(knex)).get(first.pid)).toBe(LOCKS);
    await first.kill('SIGKILL');
    const killedAt = Date.now();
    await until(async () => (await lockHolders(knex)).get(second.pid) === LOCKS, 30_000);
    const takeoverMs = Date.now() - killedAt;
    console.log(`failover: the second projector held all ${LOCKS} locks ${takeoverMs} ms after the kill`);
    expect(takeoverMs).toBeLessThan(5000);

    const before = registered.length;
    await until(() => registered.length >= before + 10, 60_000);
    writing = false;
    await Promise.all(writers);
    expect(problems).toEqual([]);

    // Every registration's webhook arrives (at least once), and the dispatcher made one delivery per event.
    const delivered = (): Set<string> =>
      new Set(
        receiver.received.map((r) => String((JSON.parse(r.body.toString()) as { data: { id: string } }).data.id)),
      );
    await until(() => registered.every((id) => delivered().has(id)), 60_000);
    const rows = await knex('gs_webhook_deliveries').select('source_event_id');
    expect(rows).toHaveLength(registered.length);
    expect(new Set(rows.map((r: { source_event_id: string }) => r.source_event_id)).size).toBe(registered.length);

    // The read model built through the failover equals one rebuilt from the log.
    await second.kill('SIGTERM');
    const snapshot = () => knex('rm_members').select('*').orderBy('id');
    const live = await snapshot();
    expect(live).toHaveLength(registered.length);
    const rebuilt = await rebuild(databaseUrl, 'members');
    expect(rebuilt.code, rebuilt.output).toBe(0);
    expect(await snapshot()).toEqual(live);
  }, 300_000);
});
