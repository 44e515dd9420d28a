import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
import type { Config } from '../platform/config.js';
import type { EventStore } from '../platform/eventstore/types.js';
import type { Logger } from '../platform/logger.js';
import type { PaymentProvider } from '../platform/payments/index.js';

export interface WorkerContext {
  readonly config: Config;
  readonly knex: Knex;
  readonly store: EventStore;
  /** The shared command connection (queues); a worker opens its own blocking one. */
  readonly redis: Redis;
  readonly logger: Logger;
  readonly payments: PaymentProvider;
  /** BullMQ key prefix: tests give each app its own queues. */
  readonly queuePrefix?: string;
}

/** Background work run by the worker role: a BullMQ queue, its worker and its scheduler. */
export interface BackgroundWorker {
  readonly name: string;
  /** Starts consuming and scheduling (the worker role). */
  start(): Promise<void>;
  /**
   * One scheduling pass as if the clock read `now`: enqueues what is due and
   * resolves once those jobs have been processed. Resolves to how many ran.
   * The scheduler calls it on its timer; tests and operators call it directly.
   */
  tick(now: Date): Promise<number>;
  /** Stops consuming, letting jobs under way finish, and closes its connections. */
  stop(): Promise<void>;
}
