import type { Knex } from 'knex';
import type { PushDeps } from '../../../commands/hub/pushes/push.js';
import type { BankSyncDeps } from '../../../commands/hub/transactions/bank-sync.js';
import { cachedMatchers } from '../../../commands/hub/transactions/matchers.js';
import { cardLinkingFor } from '../../../commands/hub/ports/card-linking.js';
import { bankProviderFor } from '../../../commands/hub/transactions/providers.js';
import type { Clock } from '../../../platform/clock.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import { activeMatchableStores, storesStamp, unpushed } from './queries.js';

/*
 * bankSync and transactionPush take what they know of the hub from this read model: the worker runs them on its
 * schedule, the admin jobs route and `?sync=now` at once, each with the same wiring.
 */

export function bankSyncDeps(knex: Knex, store: EventStore, clock: Clock): BankSyncDeps {
  return {
    store,
    clock,
    providerFor: bankProviderFor,
    cardsFor: cardLinkingFor,
    matcherOf: cachedMatchers({
      stamp: (hubId) => storesStamp(knex, hubId),
      activeStores: (hubId) => activeMatchableStores(knex, hubId),
    }),
  };
}

export function pushDeps(knex: Knex, store: EventStore, clock: Clock): PushDeps {
  return { store, clock, unpushed: (hubId, after, limit) => unpushed(knex, hubId, after, limit) };
}
