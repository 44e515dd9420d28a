import { randomBytes, randomUUID } from 'node:crypto';
import type { CashbackDeps } from '../../../../src/commands/hub/cashbacks/aggregate.js';
import { setFavoriteAccount } from '../../../../src/commands/hub/cashbacks/favorite-account.js';
import type { CashbackProcessDeps } from '../../../../src/commands/hub/cashbacks/process.js';
import { customers } from '../../../../src/commands/hub/customers/aggregate.js';
import { sandboxPayout, type PayoutPort } from '../../../../src/commands/hub/ports/payout.js';
import { rewardStream } from '../../../../src/commands/hub/streams.js';
import type { BankAccount } from '../../../../src/domain/hub/cashbacks/favorite-account.js';
import type { EventStore } from '../../../../src/platform/eventstore/types.js';
import { START, type Position } from '../../../../src/platform/eventstore/position.js';
import { createSecretBox } from '../../../../src/platform/secret-box.js';

/** A clock the test moves. */
export function testClock(start = '2026-12-05T09:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The sandbox payout, counting the calls it gets and the distinct transfers it makes. */
export function countingPayout(settleDelayMs = 0) {
  const sandbox = sandboxPayout({ settleDelayMs });
  const keys: string[] = [];
  const port: PayoutPort = {
    submit: (request) => {
      keys.push(request.idempotencyKey);
      return sandbox.submit(request);
    },
    settlement: (transfer) => sandbox.settlement(transfer),
  };
  return { port, keys };
}

export const HOUR = 3_600_000;

export function depsWith(store: EventStore, clock: ReturnType<typeof testClock>, payout: PayoutPort): CashbackDeps {
  const box = createSecretBox(randomBytes(32));
  return { store, clock, payout, box: () => Promise.resolve(box), retrySchedule: [HOUR, 24 * HOUR] };
}

/** A process over an in-memory checkpoint and given read-model answers. */
export function processDeps(
  deps: CashbackDeps,
  answers: Partial<Pick<CashbackProcessDeps, 'heldOf' | 'unsubmittedOf'>> = {},
): CashbackProcessDeps {
  let at: Position = START;
  return {
    ...deps,
    heldOf: answers.heldOf ?? (() => Promise.resolve([])),
    unsubmittedOf: answers.unsubmittedOf ?? (() => Promise.resolve([])),
    checkpoint: {
      read: () => Promise.resolve(at),
      save: (p) => {
        at = p;
        return Promise.resolve();
      },
    },
  };
}

/** A registered customer of the hub, straight on its stream. */
export async function registerCustomer(deps: CashbackDeps, hubId: string, programId: string): Promise<string> {
  const customerId = randomUUID();
  const context = { tenantId: programId, actor: 'test' };
  await customers.run(deps, customerId, context, ({ now }) => ({
    type: 'Register' as const,
    data: {
      customerId,
      hubId,
      programId,
      profile: {
        customerExternalId: `ext-${customerId.slice(0, 8)}`,
        countryCode: 33,
        gender: null,
        familyStatus: null,
        preferredLanguage: 'fr',
        outsideOptIn: false,
      },
      personal: 'v1.sealed',
      origin: null,
      referer: null,
      optins: [],
      referralCode: customerId.slice(0, 8).toUpperCase(),
      referredBy: null,
      transactionsEligibleFromDate: now,
      now,
    },
  }));
  return customerId;
}

export const GOOD_IBAN: BankAccount = { kind: 'iban', iban: 'FR1420041010050500013M02606' };
export const REFUSED_IBAN: BankAccount = { kind: 'iban', iban: 'DE89370400440532013000' };

export async function withAccount(deps: CashbackDeps, customerId: string, programId: string, account: BankAccount) {
  await setFavoriteAccount(deps, customerId, account, { tenantId: programId, actor: 'test' });
}

/** A completed RFND reward of a CASHBACK hub, as the rewards side appends it (contract item 2). */
export async function completeReward(
  store: EventStore,
  reward: { hubId: string; programId: string; customerId: string; rewardValue: number; settlement?: string },
): Promise<string> {
  const rewardId = randomUUID();
  const offerId = randomUUID();
  const base = { rewardId, hubId: reward.hubId, programId: reward.programId, customerId: reward.customerId, offerId };
  const at = '2026-12-05T09:00:00.000Z';
  await store.append(
    rewardStream(rewardId),
    [
      {
        id: randomUUID(),
        type: 'RewardStarted',
        data: {
          ...base,
          occurrence: 1,
          transactionId: reward.customerId,
          purchaseDate: null,
          amount: 1,
          value: 1,
          target: 1,
          startedAt: at,
        },
        metadata: { tenantId: reward.programId },
      },
      {
        id: randomUUID(),
        type: 'RewardCompleted',
        data: {
          ...base,
          occurrence: 1,
          rewardType: 'RFND',
          rewardValue: reward.rewardValue,
          currency: 'EUR',
          settlement: reward.settlement ?? 'cashback',
          completedAt: at,
        },
        metadata: { tenantId: reward.programId },
      },
    ],
    { expectedRevision: 'no_stream' },
  );
  return rewardId;
}
