import { z } from 'zod';
import { parseRetrySchedule } from './retry-schedule.js';

/** A retry schedule's text (`0,10m,1h`) to its delays (ms); a bad one is the field's issue. */
function retryDelays(text: string, ctx: z.RefinementCtx): number[] {
  try {
    return parseRetrySchedule(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return [];
  }
}

/** base64 (or base64url) of 32 bytes: an AES-256 key. */
const aesKey = z
  .string()
  .refine((v) => Buffer.from(v.trim(), /[-_]/.test(v) ? 'base64url' : 'base64').length === 32, 'base64 of 32 bytes');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/goodstream'),
  /** Connections in this process's pool: raise it with WEBHOOK_CONCURRENCY, each attempt takes one twice. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(10),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  EVENTSTORE_URL: z
    .string()
    .regex(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent):\/\//, 'an esdb:// connection string')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  ROLES: z
    .string()
    .default('all')
    .transform((v) => v.split(',').map((r) => r.trim()))
    .pipe(z.array(z.enum(['all', 'api', 'projector', 'worker'])).min(1)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().optional(),
  ADMIN_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(1000),
  /** How soon a projection that failed (PostgreSQL away) tries again, and how often a standby asks for the lock. */
  PROJECTION_RETRY_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** Failures in a row on one event before a projection parks it and goes on past it. */
  PROJECTION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** /health says degraded when a projection has had events of its own waiting longer than this. */
  HEALTH_MAX_PROJECTION_LAG_SECONDS: z.coerce.number().min(1).max(86_400).default(30),
  /** /health says degraded when more webhook deliveries than this are due and not delivered. */
  HEALTH_MAX_WEBHOOK_BACKLOG: z.coerce.number().int().min(1).max(10_000_000).default(1000),
  POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(500),
  /**
   * Names the BullMQ queues and rate-limit keys in Redis: two deployments sharing one Redis each set their own. Every
   * process of one deployment must use the same.
   */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .optional(),
  READ_YOUR_WRITES_TIMEOUT_MS: z.coerce.number().int().min(0).max(60000).default(5000),
  /** Requests per credential per window on /v1; 0 turns the limit off. */
  RATE_LIMIT: z.coerce.number().int().min(0).max(10_000_000).default(1200),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  /** NDJSON replays (GET /v1/events) a program may hold open at once, per API process; one more answers 429. */
  REPLAY_STREAMS_PER_PROGRAM: z.coerce.number().int().min(1).max(1000).default(8),
  /**
   * Failed authentications per client address per minute before it is answered 429 (its own count, apart from
   * RATE_LIMIT).
   */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /**
   * Comma-separated hosts (host or host:port) a signed request may be addressed to; unset: any (PUBLIC_BASE_URL fixes
   * the signed URL anyway).
   */
  ALLOWED_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ''),
    )
    .optional(),
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /** Plain http:// webhook URLs (https only otherwise); WEBHOOK_ALLOW_PRIVATE allows them too. */
  WEBHOOK_ALLOW_HTTP: bool.default(false),
  WEBHOOK_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** The hub's sandbox SMS adapter sends this six-digit code every time (tests); random codes when unset. */
  SMS_SANDBOX_CODE: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
  /** The shared secret the SMS provider's delivery callback carries (Basic password or X-Sms-Callback-Secret). */
  SMS_CALLBACK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** How often the hub's store-list worker looks for pending lists (ms); tests set it high and tick by hand. */
  HUB_STORE_LISTS_EVERY_MS: z.coerce.number().int().min(10).max(3_600_000).default(1000),
  /** How often transactionPush sends each hub's matched, unpushed transactions (ms); small in tests. */
  HUB_PUSH_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
  /** claimExpiry: a claim without attachment that no sync matched this many days after its filing is rejected. */
  HUB_CLAIM_EXPIRY_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** How often claimExpiry runs (ms): daily, and on demand through the jobs route. */
  HUB_CLAIM_EXPIRY_EVERY_MS: z.coerce.number().int().min(10).max(86_400_000).default(86_400_000),
  /** How often bankSync looks for connections to sync (new ones, and those last synced a period ago) (ms). */
  HUB_BANK_SYNC_EVERY_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /** How long after its last sync a connection is synced again (ms): daily. */
  HUB_BANK_SYNC_PERIOD_MS: z.coerce.number().int().min(1000).max(604_800_000).default(86_400_000),
  /** How long after its acceptance the sandbox payout counts as settled, for cashbackSettle (ms; decision 41). */
  PAYOUT_SETTLE_DELAY_MS: z.coerce.number().int().min(0).max(2_592_000_000).default(0),
  /** The waits before each new try of a refused payout (`1h,24h`: two retries, then REJECTED); small in tests. */
  CASHBACK_RETRY_SCHEDULE: z.string().default('1h,24h').transform(retryDelays),
  /** How often cashbackSubmit looks for cashbacks to pay (ms): daily, and on demand through the jobs route. */
  HUB_CASHBACK_SUBMIT_EVERY_MS: z.coerce.number().int().min(10).max(86_400_000).default(86_400_000),
  /** How often cashbackSettle asks the payout provider which transfers settled (ms). */
  HUB_CASHBACK_SETTLE_EVERY_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  /** How often the cashback process reads the log (completed rewards, deletions, retrieved methods) (ms). */
  HUB_CASHBACK_PROCESS_EVERY_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
  /**
   * base64 of 32 bytes: the AES-256-GCM key that seals webhook secrets; generated and kept in the database when unset.
   */
  SECRETS_KEY: aesKey.optional(),
  /** PEM of the RSA key that signs outgoing requests; generated and kept in the database when unset. */
  PLATFORM_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'a PEM private key' }).optional(),
  PLATFORM_PRIVATE_KEY_FILE: z.string().optional(),
  /** Delays before each try of a webhook delivery: `0,10m,1h,24h,48h,72h` is 6 tries. */
  WEBHOOK_RETRY_SCHEDULE: z.string().default('0,10m,1h,24h,48h,72h').transform(retryDelays),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  WEBHOOK_RECONCILE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** base64 of 32 bytes: seals fulfillment's codes, claim codes and emails; generated and kept when unset. */
  FULFILLMENT_DATA_KEY: aesKey.optional(),
  /** Delays before each try of a fulfillment mail: `0,1m,10m,1h` is 4 tries, then the delivery is failed. */
  MAIL_RETRY_SCHEDULE: z.string().default('0,1m,10m,1h').transform(retryDelays),
  /** How often the fulfillment mail worker looks for mails due (new, retried or resent). */
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; every bad variable is named on its own line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}
