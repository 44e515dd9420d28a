import { Redis } from 'ioredis';

/** A client for commands, and, with `forWorkers`, one BullMQ workers can block on. */
export function createRedis(url: string, options: { forWorkers?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.forWorkers ? null : 3,
    lazyConnect: true,
    enableOfflineQueue: true,
  });
}

/** One attempt, no retries, so the cause (ECONNREFUSED …) reaches the caller instead of "Connection is closed". */
export async function probeRedis(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 });
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
