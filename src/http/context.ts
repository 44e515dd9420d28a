import type { Knex } from 'knex';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { EventStore } from '../platform/eventstore/types.js';
import type { JwtKeys } from '../platform/jwt-keys.js';
import type { Logger } from '../platform/logger.js';
import type { Metrics } from '../platform/metrics.js';
import type { PaymentProvider } from '../platform/payments/index.js';
import type { ProjectionRunner } from '../projections/runner.js';
import type { Auth } from './auth/authenticate.js';
import type { MemberAuth } from './members/auth.js';

/** What every context's routers may use; each router takes the part it needs. */
export interface ApiContext {
  readonly knex: Knex;
  readonly store: EventStore;
  /** The time commands record: the system's, or a fixed one in tests. */
  readonly clock: Clock;
  readonly runner: Pick<ProjectionRunner, 'waitFor' | 'readModelStamp'>;
  readonly config: Config;
  readonly jwtKeys: JwtKeys;
  readonly auth: Auth;
  readonly memberAuth: MemberAuth;
  readonly logger: Logger;
  readonly payments: PaymentProvider;
  readonly metrics: Metrics;
}
