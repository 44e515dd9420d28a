import { Redis } from 'ioredis';

/** A client for commands, and, with `forWorkers`, one BullMQ workers can block on. */
export function createRedis(url: string, options: { forWorkers?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.forWorkers ? null : 3,
    lazyConnect: true,
    enableOfflineQueue: true,
  });
}
