/** Reading a bench's knobs from the environment, refusing bad values at once. */

export function intFromEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value < min) throw new RangeError(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return Math.floor(value);
}

export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/**
 * The database a bench drops and recreates, from `variable` or `fallback`: its
 * name must say it is a bench's, so a stray DATABASE_URL can never be dropped.
 */
export function benchDatabaseUrl(variable: string, fallback: string): string {
  const databaseUrl = process.env[variable] ?? fallback;
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[A-Za-z0-9_]*bench[A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`${variable} names database "${name}": it is dropped, so its name must contain "bench"`);
  }
  return databaseUrl;
}

/** A bench's database and Redis, both required on loopback: a bench must not load a shared server. */
export function loopbackTargets(prefix: string, defaultDatabase: string): { databaseUrl: string; redisUrl: string } {
  const databaseUrl = benchDatabaseUrl(
    `${prefix}_DATABASE_URL`,
    `postgres://postgres@127.0.0.1:5432/${defaultDatabase}`,
  );
  const redisUrl = process.env[`${prefix}_REDIS_URL`] ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  for (const [what, address] of [
    ['database', new URL(databaseUrl).hostname],
    ['redis', new URL(redisUrl).hostname],
  ] as const) {
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(address))
      throw new Error(`the ${what} must be on loopback, got ${address}`);
  }
  return { databaseUrl, redisUrl };
}
