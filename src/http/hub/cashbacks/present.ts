import type { CashbackView } from '../../../projections/hub/cashbacks/queries.js';

const decimal = (minor: number) => (minor / 100).toFixed(2);

/** getPushedCashbacks' item, also the customer's cashbacks: money as a string with two decimals. */
export function presentCashback(c: CashbackView) {
  return {
    id: c.id,
    transferId: c.transferId,
    externalId: c.externalId,
    status: c.status,
    customerId: c.customerId,
    customerExternalId: c.customerExternalId,
    amount: decimal(c.amount),
    currency: c.currency,
    label: c.label,
    origin: c.origin,
    rewardId: c.rewardId,
    updatedAt: c.updatedAt,
  };
}

/** postCashback's answer: `{id, externalId, status}` (PENDING until the provider answers, ambiguity 11). */
export const cashbackCreated = (id: string, externalId: string) => ({ id, externalId, status: 'PENDING' as const });
