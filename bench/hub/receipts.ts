/**
 * bench:hub part `receipts` — receipts uploaded and decided per second over HTTP by 8 concurrent clients (1 MB JPEGs
 * the bench makes, each one distinct), against a bare busboy server reading the same files in the same run (≥ 0.5);
 * beside them, as the floor no receipt route can beat, a server that only reads the upload and writes it to the
 * BlobStore, as the app does, in PostgreSQL; then the API process's RSS growth while 20 clients (curl, outside this
 * process) upload 10 MB each at once (< 250 MB).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Knex } from 'knex';
import { allMigrations } from '../../src/contexts.js';
import { postgresBlobStore } from '../../src/commands/hub/ports/blob-store.js';
import { readUpload } from '../../src/http/hub/receipts/upload.js';
import { start } from '../../src/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { createKnex, migrate } from '../../src/platform/db.js';
import { createLogger } from '../../src/platform/logger.js';
import { createProgram } from '../http/setup.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { intFromEnv, loopbackTargets } from '../shared/env.js';
import { status } from '../shared/progress.js';
import { rate, type Figure } from '../shared/stats.js';

const UPLOADS = intFromEnv('BENCH_HUB_RECEIPTS', 240);
const CLIENTS = 8;
const MB = 1024 * 1024;
const BIG_CLIENTS = 20;
const MIN_RATIO = 0.5;
const MAX_RSS_GROWTH_MB = 250;
const CODE = '123456';

/** Random filler, as a real JPEG's entropy-coded data looks: made once, copied into each file. */
const FILLER = randomBytes(10 * MB);

/** A JPEG of `size` bytes (SOI, JFIF APP0, random filler, EOI), distinct by `n`. */
function jpegOf(size: number, n: number): Buffer {
  const bytes = Buffer.from(FILLER.subarray(0, size));
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]).copy(bytes, 0);
  bytes.writeUInt32BE(n, 16);
  randomBytes(8).copy(bytes, 20);
  bytes[size - 2] = 0xff;
  bytes[size - 1] = 0xd9;
  return bytes;
}

/** Upload i as the sandbox reader reads it: store S001, a distinct total, yesterday (so validated). */
const filenameOf = (i: number, day: string) => `S001_${(1 + i / 100).toFixed(2)}_${day}_1200.jpg`;

async function uploadsPerSecond(url: string, headers: Record<string, string>, expect: number): Promise<number> {
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < UPLOADS) {
        const i = next++;
        const form = new FormData();
        form.append('image', new Blob([new Uint8Array(jpegOf(MB, i))], { type: 'image/jpeg' }), filenameOf(i, day));
        const response = await fetch(url, { method: 'POST', headers, body: form });
        const text = await response.text();
        if (response.status !== expect)
          throw new Error(`upload ${i} answered ${response.status}: ${text.slice(0, 300)}`);
      }
    }),
  );
  return UPLOADS / ((performance.now() - startedAt) / 1000);
}

/** The baseline: busboy reading the file part into memory and hashing it, answering 201 — no storage, no decision. */
async function bareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const parser = busboy({ headers: req.headers, limits: { fileSize: 10 * MB } });
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    parser.on('file', (_name, stream) => {
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        hash.update(c);
      });
    });
    parser.on('close', () => {
      const size = Buffer.concat(chunks).length;
      res
        .writeHead(201, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ digest: hash.digest('hex'), size }));
    });
    req.pipe(parser);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/upload`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The floor: the app's own upload reader and BlobStore write (the same thread, the same chunked statements), and
 * nothing else — no auth, no event, no decision. What no receipt route can beat on this machine.
 */
async function storeOnlyServer(knex: Knex): Promise<{ url: string; close: () => Promise<void> }> {
  const blobs = postgresBlobStore(knex);
  const server: Server = createServer((req, res) => {
    readUpload(req as unknown as Request, 'image')
      .then(({ file }) =>
        blobs.put(
          file.bytes,
          file.mediaType,
          { hubId: randomUUID(), customerId: randomUUID(), ownerId: randomUUID() },
          file.digest,
        ),
      )
      .then(
        (ref) => res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify(ref)),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/upload`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function call(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as { data: Record<string, unknown> }).data : {};
}

/** A hub that takes receipts, store S001, and a signed-in customer's token. */
async function scanSetup(baseUrl: string, adminToken: string): Promise<Record<string, string>> {
  const program = await createProgram(baseUrl, adminToken);
  const credentials = { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret };
  await call(baseUrl, 'POST', '/v1/hub', credentials, {
    name: 'Bench scan mall',
    country: 'FR',
    phoneRequired: true,
    emailRequired: false,
    customerExternalIdRequired: false,
    dataRetrievalMethod: ['scan'],
    scanEnable: true,
    host: `bench-scan-${randomBytes(4).toString('hex')}.example`,
  });
  const list = await call(baseUrl, 'POST', '/v1/hub/store-lists', credentials, {
    stores: [{ externalId: 'S001', name: 'Bench Shop' }],
  });
  for (;;) {
    const result = await call(baseUrl, 'GET', `/v1/hub/store-lists/${String(list.requestId)}`, credentials);
    if (result.result === 'success') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const key = { 'Api-Key': program.apiKey };
  const phoneNumber = '612345678';
  const eligible = Math.floor(Date.now() / 1000) - 7 * 86_400;
  await call(baseUrl, 'POST', '/v1/hub/auth/register', key, {
    phoneNumber,
    countryCode: 33,
    transactionsEligibleFromDate: eligible,
  });
  await call(baseUrl, 'GET', '/v1/hub/auth/temporary-code', { ...key, phoneNumber, countryCode: '33' });
  const signedIn = await call(baseUrl, 'POST', '/v1/hub/auth/temporary-code', key, {
    phoneNumber,
    countryCode: 33,
    temporaryCode: CODE,
  });
  return { Authorization: `Bearer ${String(signedIn.token)}` };
}

/** 20 curl processes upload 10 MB each at once; the API's RSS is sampled every 20 ms meanwhile. */
async function rssGrowth(url: string, headers: Record<string, string>): Promise<{ growthMb: number; ok: number }> {
  const file = join(tmpdir(), `bench-receipt-${process.pid}.jpg`);
  await writeFile(file, jpegOf(10 * MB, 1));
  try {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const codes = await Promise.all(
      Array.from(
        { length: BIG_CLIENTS },
        (_, i) =>
          new Promise<string>((resolve) => {
            const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', url];
            for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
            args.push('-F', `image=@${file};type=image/jpeg;filename=${filenameOf(10_000 + i, day)}`);
            const curl = spawn('curl', args);
            let out = '';
            curl.stdout.on('data', (c: Buffer) => (out += c.toString()));
            curl.on('close', () => resolve(out));
          }),
      ),
    );
    clearInterval(sampler);
    return { growthMb: (peak - before) / MB, ok: codes.filter((c) => c === '201').length };
  } finally {
    await rm(file, { force: true });
  }
}

export async function receiptFigures(): Promise<Figure[]> {
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_HUB', 'goodstream_bench_hub_receipts');
  await freshDatabase(databaseUrl);
  const knex = createKnex(databaseUrl);
  await migrate(knex, allMigrations).finally(() => knex.destroy());
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: adminToken,
    ROLES: 'all',
    RATE_LIMIT: '0',
    DATABASE_POOL_MAX: '30',
    SMS_SANDBOX_CODE: CODE,
  });
  const bare = await bareServer();
  const running = await start(config, createLogger('silent'), {
    queuePrefix: `gs-bench-rc-${randomBytes(6).toString('hex')}`,
  });
  try {
    const address = running.server?.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const customer = await scanSetup(baseUrl, adminToken);
    status(`bench:hub — receipts: ${UPLOADS} uploads of 1 MB by ${CLIENTS} clients, bare busboy then the API, twice`);
    const bareRates: number[] = [];
    const apiRates: number[] = [];
    const floorRates: number[] = [];
    const floor = await storeOnlyServer(running.infra.knex);
    for (let round = 1; round <= 2; round += 1) {
      bareRates.push(await uploadsPerSecond(bare.url, {}, 201));
      floorRates.push(await uploadsPerSecond(floor.url, {}, 201));
      apiRates.push(await uploadsPerSecond(`${baseUrl}/v1/hub/customer/receipts`, customer, 201));
      status(
        `  round ${round}: bare ${rate(bareRates.at(-1)!)} uploads/s, reader + BlobStore only ${rate(floorRates.at(-1)!)}, API ${rate(apiRates.at(-1)!)} uploads/s`,
      );
    }
    await floor.close();
    const floorRate = Math.max(...floorRates);
    const bareRate = Math.max(...bareRates);
    const apiRate = Math.max(...apiRates);
    const validated = await running.infra
      .knex('rm_hub_receipts')
      .where({ status: 'validated' })
      .count<{ n: string }[]>({ n: '*' });
    const big = await rssGrowth(`${baseUrl}/v1/hub/customer/receipts`, customer);
    status(`  20 × 10 MB at once: ${big.ok} answered 201, RSS grew ${big.growthMb.toFixed(0)} MB at its peak`);
    const ratio = apiRate / bareRate;
    return [
      { name: '(3) bare busboy server, 1 MB uploads/s [baseline]', value: rate(bareRate) },
      {
        name: "(3) the app's upload reader + BlobStore write only, 1 MB uploads/s [floor]",
        value: rate(floorRate),
        ratio: (floorRate / bareRate).toFixed(2),
      },
      {
        name: `(3) receipts uploaded and decided/s over HTTP (${CLIENTS} clients; ${validated[0]?.n ?? 0} validated)`,
        value: rate(apiRate),
        ratio: ratio.toFixed(2),
        target: `≥ ${MIN_RATIO}`,
        pass: ratio >= MIN_RATIO,
      },
      {
        name: `(3) RSS growth, ${BIG_CLIENTS} concurrent 10 MB uploads (${big.ok} of ${BIG_CLIENTS} taken), MB`,
        value: big.growthMb.toFixed(0),
        target: `< ${MAX_RSS_GROWTH_MB}`,
        pass: big.growthMb < MAX_RSS_GROWTH_MB && big.ok === BIG_CLIENTS,
      },
    ];
  } finally {
    await running.stop();
    await bare.close();
    await dropDatabase(databaseUrl);
  }
}
