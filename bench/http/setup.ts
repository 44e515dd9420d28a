import { Redis } from 'ioredis';
import { DEFAULT_RATE_LIMIT } from '../../src/http/rate-limit.js';
import { status } from '../shared/progress.js';

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

async function request(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/**
 * Read-your-writes can be held back by a transaction in another database (see
 * monitor.ts): a read that depends on the previous write is retried on 401/404
 * for up to `seconds` before the bench gives up.
 */
async function eventually(
  what: string,
  expected: number,
  attempt: () => Promise<Answer>,
  seconds = 60,
): Promise<Record<string, unknown>> {
  const started = performance.now();
  for (;;) {
    const answer = await attempt();
    const elapsed = (performance.now() - started) / 1000;
    if (answer.status === expected || elapsed > seconds || ![401, 404].includes(answer.status)) {
      if (elapsed > 1) status(`  ${what} took ${elapsed.toFixed(1)}s to see the previous write`);
      return expectStatus(what, expected, Promise.resolve(answer));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function expectStatus(what: string, expected: number, answer: Promise<Answer>): Promise<Record<string, unknown>> {
  const { status, body } = await answer;
  if (status !== expected) throw new Error(`${what} answered ${status}, not ${expected}: ${JSON.stringify(body)}`);
  return (body.data ?? {}) as Record<string, unknown>;
}

export interface Program {
  readonly id: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface Member {
  readonly id: string;
  readonly email: string;
  /** `Api-Key`, `X-User-Email`, `X-User-Token`, from POST /v1/sessions. */
  readonly headers: Record<string, string>;
}

export async function createProgram(baseUrl: string, adminToken: string): Promise<Program> {
  const data = await expectStatus(
    'POST /v1/admin/programs',
    201,
    request(baseUrl, 'POST', '/v1/admin/programs', { Authorization: `Bearer ${adminToken}` }, { name: 'HTTP bench' }),
  );
  const program = { id: String(data.id), apiKey: String(data.api_key), apiSecret: String(data.api_secret) };
  await eventually('GET /v1/program', 200, () =>
    request(baseUrl, 'GET', '/v1/program', { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret }),
  );
  return program;
}

/** Registers `count` members (POST /v1/members) and signs each in (POST /v1/sessions), a few at a time. */
export async function createMembers(baseUrl: string, program: Program, count: number): Promise<Member[]> {
  const password = 'bench-password-42';
  const one = async (i: number): Promise<Member> => {
    const email = `member${i}@bench.example.org`;
    const user = {
      email,
      first_name: 'Bench',
      last_name: `Member ${i}`,
      password,
      city: 'Bordeaux',
      zipcode: '33000',
      street: 'Rue Sainte-Catherine',
    };
    const apiKey = { 'Api-Key': program.apiKey };
    await expectStatus('POST /v1/members', 201, request(baseUrl, 'POST', '/v1/members', apiKey, { user }));
    const session = await eventually('POST /v1/sessions', 201, () =>
      request(baseUrl, 'POST', '/v1/sessions', apiKey, { email, password }),
    );
    return {
      id: String(session.id),
      email,
      headers: { ...apiKey, 'X-User-Email': email, 'X-User-Token': String(session.authentication_token) },
    };
  };
  const members: Member[] = [];
  for (let i = 0; i < count; i += 4)
    members.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, (_, k) => one(i + k)))));
  return members;
}

/** Checks that GET /v1/members/:id answers 200 to the program's key and secret before it is loaded. */
export async function checkMemberRead(baseUrl: string, program: Program, memberId: string): Promise<void> {
  await eventually('GET /v1/members/:id', 200, () =>
    request(baseUrl, 'GET', `/v1/members/${memberId}`, { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret }),
  );
}

/**
 * The app's rate limit (DEFAULT_RATE_LIMIT, 1,200 requests a minute per
 * credential; `start` offers no way to change it) would answer 429 within a
 * second. The limiter counts with INCR on `gs:ratelimit:<credential>:<window>`:
 * the bench sets the counters of the program's coming windows far below zero,
 * so every request still pays the limiter's Redis round trip but none is refused.
 * Returns a function that deletes those keys.
 */
export async function neutraliseRateLimit(
  redisUrl: string,
  programId: string,
  minutes: number,
): Promise<() => Promise<void>> {
  const { windowMs } = DEFAULT_RATE_LIMIT;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const first = Math.floor(Date.now() / windowMs);
  const windows = Math.ceil((minutes * 60_000) / windowMs) + 1;
  // The program's own budget, and the one its members' requests spend from this address (they show only the Api-Key
  // before the route identifies the member).
  const credentials = [
    `program:${programId}`,
    `program:${programId}:ip:127.0.0.1`,
    `program:${programId}:ip:::ffff:127.0.0.1`,
  ];
  const keys = credentials.flatMap((credential) =>
    Array.from({ length: windows }, (_, i) => `gs:ratelimit:${credential}:${first + i}`),
  );
  try {
    const multi = redis.multi();
    keys.forEach((key, i) => multi.set(key, String(-(2 ** 53)), 'PX', ((i % windows) + 1) * windowMs + 1000));
    await multi.exec();
  } finally {
    redis.disconnect();
  }
  return async () => {
    const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    try {
      await client.del(...keys);
    } finally {
      client.disconnect();
    }
  };
}
