import type { Knex } from 'knex';
import type { ExternalTokenValidator } from '../../commands/members/sessions.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import type { PaymentProvider } from '../../platform/payments/index.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import type { Auth } from '../auth/authenticate.js';
import type { MemberAuth } from './auth.js';

/** What the members context's routers are given. */
export interface MembersDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly runner: Pick<ProjectionRunner, 'waitFor' | 'readModelStamp'>;
  readonly config: Pick<Config, 'PUBLIC_BASE_URL' | 'READ_YOUR_WRITES_TIMEOUT_MS' | 'SECRETS_KEY'>;
  readonly jwtKeys: JwtKeys;
  readonly auth: Auth;
  readonly memberAuth: MemberAuth;
  readonly tokenValidator: ExternalTokenValidator;
  readonly payments: PaymentProvider;
}
