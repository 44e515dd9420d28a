import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgram, neutraliseRateLimit } from '../http/setup.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { intFromEnv, loopbackTargets } from '../shared/env.js';
import { client, orderOf, promotion, type Client } from './client.js';
import type { ProfiledAppCommand, ProfiledAppMessage } from './profiled-app.js';
import { summarise, type CpuProfile } from './profile-summary.js';

/*
 * tsx bench/fulfillment/profile.ts: where the API's main thread spends its time while 8 clients place orders with
 * delivery `none` (bench:fulfillment's orders round): the app in a child process, profiled only during the round,
 * summarised by function and by file. A diagnosis tool, not a figure with a target.
 * Knobs: BENCH_FULFILLMENT_SECONDS (8), BENCH_FULFILLMENT_PROFILE (the .cpuprofile written, kept for DevTools),
 * BENCH_FULFILLMENT_DATABASE_URL.
 */

const CLIENTS = 8;

function next(child: ChildProcess): Promise<ProfiledAppMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: ProfiledAppMessage) =>
      'error' in message ? reject(new Error(message.error)) : resolve(message),
    );
    child.once('exit', (code) => reject(new Error(`the app exited (code ${String(code)})`)));
  });
}

/** Orders placed by `CLIENTS` clients for `seconds`. */
async function place(program: Client, promotionId: string, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let placed = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const answer = await program.post('/v1/orders', orderOf(promotionId, randomUUID()));
        if (answer.status !== 201) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        placed++;
      }
    }),
  );
  return placed;
}

async function main(): Promise<void> {
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_FULFILLMENT', 'goodstream_bench_fulfillment_profile');
  const seconds = intFromEnv('BENCH_FULFILLMENT_SECONDS', 8);
  const profilePath =
    process.env.BENCH_FULFILLMENT_PROFILE ?? join(tmpdir(), `fulfillment-orders-${Date.now()}.cpuprofile`);
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  await freshDatabase(databaseUrl);
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ROLES: 'all', ADMIN_TOKEN: adminToken };
  const child = fork(fileURLToPath(new URL('./profiled-app.ts', import.meta.url)), {
    env: { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (command: ProfiledAppCommand) => child.send(command);
  let restore: (() => Promise<void>) | undefined;
  try {
    const { port } = (await next(child)) as { port: number };
    const baseUrl = `http://127.0.0.1:${port}`;
    const created = await createProgram(baseUrl, adminToken);
    restore = await neutraliseRateLimit(redisUrl, created.id, 10);
    const program = client(baseUrl, { 'Api-Key': created.apiKey, 'Api-Secret': created.apiSecret });
    const promotionId = await promotion(program, ['SANDBOX-GIFT-10EUR']);
    await place(program, promotionId, 2);
    send('profile:start');
    const placed = await place(program, promotionId, seconds);
    const written = next(child);
    send({ profileTo: profilePath });
    await written;
    console.log(`${placed} orders in ${seconds}s (${(placed / seconds).toFixed(0)}/s), profile in ${profilePath}`);
    console.log(summarise(JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile));
  } finally {
    await restore?.();
    send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    await dropDatabase(databaseUrl);
  }
}

await main();
