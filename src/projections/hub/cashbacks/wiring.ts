import type { Knex } from 'knex';
import type { CashbackDeps } from '../../../commands/hub/cashbacks/aggregate.js';
import type { CashbackProcessDeps } from '../../../commands/hub/cashbacks/process.js';
import { sandboxPayout, type PayoutPort } from '../../../commands/hub/ports/payout.js';
import type { Clock } from '../../../platform/clock.js';
import type { Config } from '../../../platform/config.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { lazySecretBox } from '../../../platform/secret-box.js';
import { heldCashbacks, processCheckpoint, unsubmittedCashbacks } from './queries.js';

/*
 * cashbackSubmit, cashbackSettle and the cashback process take what they know from this read model: the workers run
 * them on their schedule, the admin jobs route at once, each with the same wiring.
 */

export const CASHBACK_PROCESS = 'hub-cashback-process';

type Settings = Pick<Config, 'SECRETS_KEY' | 'PAYOUT_SETTLE_DELAY_MS' | 'CASHBACK_RETRY_SCHEDULE'>;

/** The payout adapter chosen at the composition root: the sandbox until a real one is configured. */
export const payoutOf = (config: Settings): PayoutPort =>
  sandboxPayout({ settleDelayMs: config.PAYOUT_SETTLE_DELAY_MS });

export function cashbackDeps(
  knex: Knex,
  store: EventStore,
  clock: Clock,
  config: Settings,
  payout: PayoutPort = payoutOf(config),
): CashbackDeps {
  return {
    store,
    clock,
    payout,
    box: lazySecretBox(knex, config.SECRETS_KEY),
    retrySchedule: config.CASHBACK_RETRY_SCHEDULE,
  };
}

export function cashbackProcessDeps(deps: CashbackDeps, knex: Knex): CashbackProcessDeps {
  return {
    ...deps,
    unsubmittedOf: (customerId) => unsubmittedCashbacks(knex, customerId),
    heldOf: (customerId) => heldCashbacks(knex, customerId),
    checkpoint: processCheckpoint(knex, CASHBACK_PROCESS),
  };
}
