import { Redis } from 'ioredis';

/** Reconnect delays: 0.1 s doubling to 2 s, so a Redis back from an outage is used again within 2 s. */
export function redisRetryDelay(times: number): number {
  return Math.min(2_000, 100 * 2 ** Math.min(Math.max(0, times - 1), 10));
}

/**
 * A client for commands, and, with `forWorkers`, one BullMQ workers can block on.
 * The command client queues nothing while disconnected: a command fails at once,
 * so a request that only uses Redis on the side (the rate limit, an enqueue the
 * reconciler makes good) goes on without it instead of waiting for reconnects.
 */
export function createRedis(url: string, options: { forWorkers?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.forWorkers ? null : 1,
    lazyConnect: true,
    enableOfflineQueue: options.forWorkers === true,
    connectTimeout: 3_000,
    retryStrategy: redisRetryDelay,
  });
}

const REDIS_DOWN_MESSAGES = [
  "Stream isn't writeable",
  'Connection is closed.',
  'Reached the max retries per request limit',
];

/** Whether an error says Redis cannot be reached now, rather than that a command was wrong. */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' || REDIS_DOWN_MESSAGES.some((text) => error.message.startsWith(text))
  );
}

/** One attempt, no retries, so the cause (ECONNREFUSED …) reaches the caller instead of "Connection is closed". */
export async function probeRedis(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
  });
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}
