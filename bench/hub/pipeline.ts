/**
 * bench:hub part 2 — the pipeline of flow 2 in the whole app (this process, every role): `customers` bank connections
 * whose provider feeds hold `perCustomer` transactions each are created at once; bankSync imports and matches them,
 * transactionPush sends the matched ones as signed customer_transactions to a loopback receiver. Measured: matched
 * transactions delivered per second, from the first connection created to the last transaction received.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { BankDataProvider, ProviderTransaction } from '../../src/commands/hub/banks/bank-data-provider.js';
import { connections } from '../../src/commands/hub/connections/connections.js';
import { transactionIdOf } from '../../src/commands/hub/streams.js';
import { registerBankProviders } from '../../src/commands/hub/transactions/providers.js';
import { compileStoreMatcher } from '../../src/commands/hub/transactions/store-matcher.js';
import type { MatchableStore } from '../../src/domain/hub/transactions/matching-rules.js';
import { start } from '../../src/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createProgram } from '../http/setup.js';
import { status } from '../shared/progress.js';
import { startTransactionReceiver } from './receiver.js';

const ELIGIBLE_FROM = '2026-01-01T00:00:00.000Z';
const STORES = 100;

export interface PipelineResult {
  readonly transactions: number;
  readonly matched: number;
  readonly seconds: number;
  readonly duplicates: number;
  readonly unmatchedPushed: number;
  readonly unsigned: number;
  readonly deliveries: number;
}

const stores: MatchableStore[] = Array.from({ length: STORES }, (_, i) => ({
  id: '',
  externalId: `S${String(i).padStart(3, '0')}`,
  type: 'store',
  patterns: [`BENCH SHOP ${String(i).padStart(3, '0')}`],
}));

/** 60% at a store of the list, 30% elsewhere, 10% credits; the feed of account `a`. */
function feedOf(account: number, perCustomer: number): ProviderTransaction[] {
  return Array.from({ length: perCustomer }, (_, i) => {
    const n = account * perCustomer + i;
    const kind = n % 10;
    const label =
      kind < 6 ? `CB BENCH SHOP ${String(n % STORES).padStart(3, '0')} PARIS` : `CB ELSEWHERE ${n % 997} LYON`;
    return {
      providerTransactionId: `bench-${i}`,
      label,
      amount: kind === 9 ? 150_000 : -(100 + (n % 9_000)),
      currency: 'EUR',
      purchaseDate: '2026-11-20',
      dateBankingStatement: '2026-11-21',
    };
  });
}

/** A provider whose feeds are generated: the whole feed at the first sync, nothing after it. */
function benchProvider(perCustomer: number): BankDataProvider {
  return {
    providerCode: 'sandbox',
    connectUrl: () => 'http://127.0.0.1/unused',
    exchangeCode: () => Promise.resolve({ ok: false, errorCode: 'unused' }),
    reauthorise: () => Promise.resolve({ ok: false, errorCode: 'unused' }),
    fetchTransactions: ({ providerConnectionId, cursor }) =>
      Promise.resolve({
        ok: true as const,
        transactions: cursor === null ? feedOf(Number(providerConnectionId.split('-')[1]), perCustomer) : [],
        cursor: '1',
      }),
    testAccounts: () => [],
  };
}

async function call(baseUrl: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { data: Record<string, unknown> };
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json.data;
}

/**
 * BENCH_HUB_TRACE=1: every half second, where the pipeline stands (connections synced, transactions in the read
 * model, pushed, received), to see which stage the time goes to.
 */
function traceProgress(knex: Knex, receiver: { readonly seen: Map<string, number> }, startedAt: number) {
  const timer = setInterval(() => {
    void Promise.all([
      knex('rm_hub_bank_syncs').whereNotNull('last_synced_at').count<{ n: string }[]>({ n: '*' }),
      knex('rm_hub_transactions').count<{ n: string }[]>({ n: '*' }),
      knex('rm_hub_transactions').whereNotNull('batch_id').count<{ n: string }[]>({ n: '*' }),
    ]).then(([[synced], [rows], [pushed]]) =>
      status(
        `  ${((performance.now() - startedAt) / 1000).toFixed(1)}s: ${synced?.n} synced, ${rows?.n} in the read model, ${pushed?.n} pushed, ${receiver.seen.size} received`,
      ),
    );
  }, 500);
  return { stop: () => clearInterval(timer) };
}

export async function runPipeline(options: {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly customers: number;
  readonly perCustomer: number;
  readonly timeoutMs: number;
}): Promise<PipelineResult> {
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: adminToken,
    ROLES: 'all',
    RATE_LIMIT: '0',
    DATABASE_POOL_MAX: '30',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // The store list is integrated before the clock starts; polling for more at 100 ms only loads the database after.
    HUB_STORE_LISTS_EVERY_MS: '250',
    // A tick queues its jobs and returns; a new connection waits for the next tick to be synced.
    HUB_BANK_SYNC_EVERY_MS: '500',
    HUB_PUSH_INTERVAL_MS: '500',
  });
  const receiver = await startTransactionReceiver();
  const queuePrefix = `gs-bench-hub-${randomBytes(6).toString('hex')}`;
  const running = await start(config, createLogger('silent'), { queuePrefix });
  try {
    const address = running.server?.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const program = await createProgram(baseUrl, adminToken);
    const credentials = { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret };
    const hub = await call(baseUrl, 'POST', '/v1/hub', credentials, {
      name: 'Bench mall',
      country: 'FR',
      phoneRequired: false,
      emailRequired: false,
      customerExternalIdRequired: false,
      dataRetrievalMethod: ['paymentCard'],
      host: `bench-${queuePrefix}.example`,
    });
    const hubId = String(hub.id);
    const list = await call(baseUrl, 'POST', '/v1/hub/store-lists', credentials, {
      stores: stores.map((s) => ({ externalId: s.externalId, name: s.patterns[0] })),
    });
    for (;;) {
      const result = await call(baseUrl, 'GET', `/v1/hub/store-lists/${String(list.requestId)}`, credentials);
      if (result.result === 'success') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await call(baseUrl, 'POST', '/v1/webhooks', credentials, { url: receiver.url, events: ['customer_transactions'] });
    // The generated feeds stand in for the sandbox bank (same provider code): every sync of the app reads them.
    registerBankProviders([benchProvider(options.perCustomer)]);

    const matcher = compileStoreMatcher(stores);
    const expected = new Set<string>();
    const all = new Set<string>();
    const ids = Array.from({ length: options.customers }, () => randomUUID());
    ids.forEach((connectionId, account) => {
      for (const t of feedOf(account, options.perCustomer)) {
        const id = transactionIdOf(connectionId, t.providerTransactionId);
        all.add(id);
        const outcome = matcher.match({ ...t, eligibleFrom: ELIGIBLE_FROM });
        if (outcome.matched) expected.add(id);
      }
    });
    status(
      `  pipeline: ${options.customers} connections × ${options.perCustomer} transactions, ${expected.size} to match`,
    );
    const context = { tenantId: program.id, actor: 'bench' };
    const startedAt = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < ids.length) {
          const account = next++;
          const connectionId = ids[account]!;
          const data = {
            connectionId,
            hubId,
            programId: program.id,
            customerId: randomUUID(),
            bankId: randomUUID(),
            providerCode: 'sandbox',
            providerConnectionId: `bench-${account}`,
            credentialsDigest: 'bench',
            dataProviderType: 'bank' as const,
            transactionsEligibleFromDate: ELIGIBLE_FROM,
            consentExpiresAt: null,
            credentialsPreviouslyUsed: false,
            now: new Date().toISOString(),
          };
          await connections.handle(
            connectionId,
            { type: 'CreateConnection', data },
            // The id was made just now: the stream is not read first.
            { store: running.infra.store, context, newStream: true },
          );
        }
      }),
    );
    const trace = process.env.BENCH_HUB_TRACE === '1' ? traceProgress(running.infra.knex, receiver, startedAt) : null;
    const lastAt = await receiver.whenAll(expected, options.timeoutMs).finally(() => trace?.stop());
    // A while longer, so a second delivery of anything would be counted.
    await new Promise((r) => setTimeout(r, 2_000));
    const received = [...receiver.seen.entries()];
    return {
      transactions: all.size,
      matched: expected.size,
      seconds: (lastAt - startedAt) / 1000,
      duplicates: received.filter(([, times]) => times > 1).length,
      unmatchedPushed: received.filter(([id]) => !expected.has(id)).length,
      unsigned: receiver.unsigned(),
      deliveries: receiver.deliveries(),
    };
  } finally {
    await running.stop();
    await receiver.close();
  }
}
