import type { BankAccount } from '../../../domain/hub/cashbacks/favorite-account.js';
import type { PayoutAnswer } from '../../../domain/hub/cashbacks/cashback.js';
import { seededUuid } from '../../ids.js';

export type { PayoutAnswer };

/** One transfer asked of the provider. */
export interface PayoutRequest {
  /** The same key twice is the same transfer: a retried call pays nothing twice. */
  readonly idempotencyKey: string;
  /** Minor units, positive. */
  readonly amount: number;
  readonly currency: string;
  readonly label: string;
  readonly account: BankAccount;
}

/**
 * IBAN and UK payouts (Mangopay, Checkout in production). A real adapter would sign its calls, pass the idempotency
 * key as the provider's own, retry on its rate limits and read settlements from the provider's events or callbacks.
 */
export interface PayoutPort {
  submit(request: PayoutRequest): Promise<PayoutAnswer>;
  /** Whether an accepted transfer reached the account (RECEIVED). */
  settlement(transfer: { transferId: string; acceptedAt: string; now: string }): Promise<'settled' | 'pending'>;
}

/** The sandbox's refused accounts (api-hub.md, Ports): everything else that passed validation is paid. */
export const REFUSED_IBAN = 'DE89370400440532013000';
export const REFUSED_UK_ACCOUNT = '00000000';

const refused = (account: BankAccount) =>
  account.kind === 'iban' ? account.iban === REFUSED_IBAN : account.accountNumber === REFUSED_UK_ACCOUNT;

/**
 * The sandbox payout: deterministic and stateless, so every process answers alike. Its transfer id derives from the
 * idempotency key; the refused accounts fail on every try; an accepted transfer settles `settleDelayMs` after its
 * acceptance (PAYOUT_SETTLE_DELAY_MS, decision 41). The funding wallet is unlimited.
 */
export function sandboxPayout(options: { readonly settleDelayMs: number }): PayoutPort {
  return {
    submit(request) {
      const transferId = `sbx_${seededUuid('goodstream:sandboxpayout', request.idempotencyKey)}`;
      return Promise.resolve(
        refused(request.account)
          ? { status: 'refused', transferId, reason: 'the bank refused the account (sandbox)' }
          : { status: 'accepted', transferId },
      );
    },
    settlement({ acceptedAt, now }) {
      return Promise.resolve(Date.parse(now) - Date.parse(acceptedAt) >= options.settleDelayMs ? 'settled' : 'pending');
    },
  };
}
