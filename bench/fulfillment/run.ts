import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { storeAppend, timed, type Throughput } from '../eventstore/appends.js';
import { startServer, type ChildServer } from '../http/servers.js';
import { createProgram, neutraliseRateLimit } from '../http/setup.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { intFromEnv, loopbackTargets } from '../shared/env.js';
import { status } from '../shared/progress.js';
import { closingLine, loadAverage, runBench } from '../shared/run.js';
import { median, pct, rate, renderSummary, type Figure } from '../shared/stats.js';
import { renderECard } from '../../src/commands/fulfillment/ecard.js';
import { client, expect201, orderOf, promotion, type Client } from './client.js';

/*
 * npm run bench:fulfillment. Against baselines measured in the same run, on the same database:
 * - orders placed per second (delivery none, 8 clients over HTTP) ÷ store.append ×1 events/s ≥ 0.2;
 * - replays of existing order_ids per second ÷ GET of one order per second ≥ 0.8;
 * - e-card PDFs rendered per second (reported);
 * - 50 clients racing for 10 units of stock: exactly 10 orders, every run.
 * Knobs: BENCH_FULFILLMENT_SECONDS (per round, 8), BENCH_FULFILLMENT_ROUNDS (3), BENCH_FULFILLMENT_DATABASE_URL.
 */

const report = (line: string): void => console.log(line);
const CLIENTS = 8;

const perSecond = (t: Throughput): number => t.ops / t.seconds;

/** `op` must answer `expected`; anything else stops the bench, so no figure counts failures as work. */
const counting =
  (expected: number, op: (worker: number) => Promise<{ status: number; body: unknown }>) =>
  async (worker: number): Promise<number> => {
    const answer = await op(worker);
    if (answer.status !== expected) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return 1;
  };

async function race(admin: Client, program: Client, run: number): Promise<number> {
  const sku = `BENCH-RACE-${run}-${randomBytes(3).toString('hex').toUpperCase()}`;
  await expect201(
    'POST /v1/admin/rewards',
    admin.post('/v1/admin/rewards', {
      data: {
        sku,
        name: 'Race',
        provider: { id: 'sandbox', name: 'Sandbox' },
        denomination_type: 'fixed',
        face_value: '10.00',
        currency: 'EUR',
        countries: ['FR'],
        stock_quantity: 10,
      },
    }),
  );
  const promotionId = await promotion(program, [sku]);
  const answers = await Promise.all(
    Array.from({ length: 50 }, () => program.post('/v1/orders', orderOf(promotionId, randomUUID(), sku))),
  );
  const unexpected = answers.filter((a) => a.status !== 201 && a.status !== 422);
  if (unexpected.length > 0) throw new Error(`the race answered ${unexpected.map((a) => a.status).join(', ')}`);
  return answers.filter((a) => a.status === 201).length;
}

async function main(): Promise<void> {
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_FULFILLMENT', 'goodstream_bench_fulfillment');
  const seconds = intFromEnv('BENCH_FULFILLMENT_SECONDS', 8);
  const rounds = intFromEnv('BENCH_FULFILLMENT_ROUNDS', 3);
  const started = performance.now();
  report(
    `goodstream fulfillment bench — ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}`,
  );
  report(`  ${rounds} rounds of ${seconds}s each, ${CLIENTS} concurrent clients; the app in a child process`);
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  await freshDatabase(databaseUrl);
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' };
  const appEnv = { ...env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, ADMIN_TOKEN: adminToken, ROLES: 'all' };
  let server: ChildServer | undefined;
  let restore: (() => Promise<void>) | undefined;
  const store = new PostgresEventStore({ connectionString: databaseUrl, pollMs: 100 });
  const figures: Figure[] = [];
  try {
    server = await startServer('app', appEnv);
    const created = await createProgram(server.baseUrl, adminToken);
    restore = await neutraliseRateLimit(redisUrl, created.id, Math.ceil((rounds * 5 * seconds + 300) / 60));
    const program = client(server.baseUrl, { 'Api-Key': created.apiKey, 'Api-Secret': created.apiSecret });
    const admin = client(server.baseUrl, { Authorization: `Bearer ${adminToken}` });
    const promotionId = await promotion(program, ['SANDBOX-GIFT-10EUR']);
    const placedIds: string[] = [];
    const orders = { append: [] as number[], place: [] as number[], replay: [] as number[], get: [] as number[] };
    for (let round = 1; round <= rounds; round++) {
      status(`round ${round}/${rounds}`);
      orders.append.push(perSecond(await timed('store.append ×1', seconds, CLIENTS, storeAppend(store, CLIENTS, 1))));
      const place = await timed(
        'POST /v1/orders',
        seconds,
        CLIENTS,
        counting(201, () => {
          const orderId = randomUUID();
          placedIds.push(orderId);
          return program.post('/v1/orders', orderOf(promotionId, orderId));
        }),
      );
      orders.place.push(perSecond(place));
      const first = await program.post('/v1/orders', orderOf(promotionId, placedIds[0]!));
      const oneId = String((first.body.data as { id: string }).id);
      orders.get.push(
        perSecond(
          await timed(
            'GET /v1/orders/:id',
            seconds,
            CLIENTS,
            counting(200, () => program.get(`/v1/orders/${oneId}`)),
          ),
        ),
      );
      let next = 0;
      orders.replay.push(
        perSecond(
          await timed(
            'POST /v1/orders (replay)',
            seconds,
            CLIENTS,
            counting(200, () =>
              program.post('/v1/orders', orderOf(promotionId, placedIds[next++ % placedIds.length]!)),
            ),
          ),
        ),
      );
    }
    const cards = await timed('e-card PDFs', seconds, 1, async () => {
      await renderECard({
        programName: 'Bench',
        rewardName: 'Sandbox gift card 10 EUR',
        value: '10.00',
        currency: 'EUR',
        codes: [
          { name: 'code', value: 'SBX-0000-1111-2222-3333', format: 'string', usage: 'enter the code at checkout' },
        ],
        orderId: 'ORD-BENCH',
        expiration: null,
        terms: 'Sandbox reward: the codes are placeholders and worth nothing.',
        issuedAt: new Date('2026-11-22T10:00:00Z'),
      });
      return 1;
    });
    const races: number[] = [];
    for (let run = 1; run <= 3; run++) races.push(await race(admin, program, run));

    const placeRatio = median(orders.place) / median(orders.append);
    const replayRatio = median(orders.replay) / median(orders.get);
    figures.push(
      { name: 'store.append ×1 (baseline), events/s', value: rate(median(orders.append)) },
      { name: 'GET /v1/orders/:id (baseline), /s', value: rate(median(orders.get)) },
      {
        name: 'orders placed (none, 8 clients), /s',
        value: rate(median(orders.place)),
        ratio: pct(placeRatio),
        target: '≥ 20% of append',
        pass: placeRatio >= 0.2,
      },
      {
        name: 'order_id replays, /s',
        value: rate(median(orders.replay)),
        ratio: pct(replayRatio),
        target: '≥ 80% of GET',
        pass: replayRatio >= 0.8,
      },
      { name: 'e-card PDFs rendered (pdf-lib, one thread), /s', value: rate(perSecond(cards)) },
      {
        name: '50 clients for 10 units (3 runs)',
        value: races.join(', '),
        target: 'exactly 10 every run',
        pass: races.every((n) => n === 10),
      },
    );
    report(`\n${renderSummary(figures)}`);
  } finally {
    await restore?.();
    await server?.stop();
    await store.close();
    if (process.env.BENCH_KEEP_DATABASES !== '1') await dropDatabase(databaseUrl);
  }
  report(closingLine(figures, started));
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

await runBench(main);
