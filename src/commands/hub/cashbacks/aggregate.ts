import { cashbackDecider, type CashbackState } from '../../../domain/hub/cashbacks/cashback.js';
import type { BankAccount } from '../../../domain/hub/cashbacks/favorite-account.js';
import { cashbackEvents } from '../../../domain/hub/cashbacks/events.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { foldStream } from '../../fold-stream.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { PayoutPort } from '../ports/payout.js';
import { cashbackStream } from '../streams.js';

export const cashbacks = aggregate({ decider: cashbackDecider, events: cashbackEvents, stream: cashbackStream });

export const CASHBACKS_ACTOR = 'hub-cashbacks';

/** What the cashback use cases are given at the composition root. */
export interface CashbackDeps extends CommandDeps {
  readonly payout: PayoutPort;
  /** Seals and opens accounts and owners (the platform's secret box). */
  readonly box: () => Promise<SecretBox>;
  /** CASHBACK_RETRY_SCHEDULE (ms). */
  readonly retrySchedule: readonly number[];
}

export async function loadCashback(
  store: EventStore,
  cashbackId: string,
): Promise<{ state: CashbackState; version: bigint | undefined }> {
  return foldStream(store, cashbackDecider, cashbackEvents, cashbackStream(cashbackId));
}

export const sealAccount = (box: SecretBox, account: BankAccount): string => box.seal(JSON.stringify(account));
export const openAccount = (box: SecretBox, sealed: string): BankAccount => JSON.parse(box.open(sealed)) as BankAccount;
