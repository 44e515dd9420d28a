import type { Knex } from 'knex';
import type { ClaimEvent } from '../../../domain/hub/claims/events.js';
import type { ClaimFacts } from '../../../domain/hub/claims/rules.js';
import { hubRowFinder, hubList } from '../../shared/rows.js';

type Filed = Extract<ClaimEvent, { type: 'ClaimFiled' }>['data'];

export interface ClaimRow {
  readonly id: string;
  readonly hub_id: string;
  readonly program_id: string;
  readonly customer_id: string;
  readonly customer_external_id: string | null;
  readonly store_id: string;
  readonly store_external_id: string;
  readonly store_name: string;
  readonly amount: string;
  readonly currency: string;
  readonly transaction_date: string;
  readonly additional_feedback: string | null;
  readonly attachment_digest: string | null;
  readonly attachment_media_type: string | null;
  readonly status: 'pending' | 'validated' | 'rejected';
  readonly code: string | null;
  readonly rejection_reason: string | null;
  readonly transaction_id: string | null;
  readonly filed_at: Date;
  readonly version: string;
}

export const claimOfHub = hubRowFinder<ClaimRow>('rm_hub_claims');

export const customerClaims = async (knex: Knex, customerId: string): Promise<ClaimRow[]> =>
  (await knex('rm_hub_claims')
    .where({ customer_id: customerId })
    .orderBy([{ column: 'filed_at', order: 'desc' }, { column: 'id' }])
    .limit(1000)) as ClaimRow[];

/** The hub's claims by filing date, oldest first (the program's review queue with `status=pending`). */
export const listClaims = hubList<string | undefined, ClaimRow>(
  'rm_hub_claims',
  [{ column: 'filed_at' }, { column: 'id' }],
  (q, status) => {
    if (status !== undefined) q.where({ status });
  },
);

const DAY_MS = 86_400_000;
const shift = (day: string, days: number) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

/** The customer's transactions within ±0.01 and ±3 days of the claim. */
const near = (knex: Knex, claim: Filed) =>
  knex('rm_hub_transactions')
    .where({ customer_id: claim.customerId })
    .whereBetween('amount', [claim.amount - 1, claim.amount + 1])
    .whereBetween('purchase_date', [shift(claim.transactionDate, -3), shift(claim.transactionDate, 3)]);

/** What flow 5.2's checks need to know around the claim. */
export async function claimFacts(knex: Knex, claim: Filed): Promise<ClaimFacts> {
  const [store, customer, hub] = await Promise.all([
    knex('rm_hub_stores')
      .where({ id: claim.store.id, hub_id: claim.hubId })
      .first<{ active: boolean } | undefined>('active'),
    knex('rm_hub_customers')
      .where({ id: claim.customerId })
      .first<{ transactions_eligible_from: Date } | undefined>('transactions_eligible_from'),
    knex('rm_hub_hubs')
      .where({ id: claim.hubId })
      .first<{ settings: { claimMinimumAmount?: number | null } } | undefined>('settings'),
  ]);
  const duplicate = await knex('rm_hub_claims')
    .where({
      customer_id: claim.customerId,
      store_id: claim.store.id,
      amount: claim.amount,
      transaction_date: claim.transactionDate,
    })
    .whereIn('status', ['pending', 'validated'])
    .whereNot({ id: claim.claimId })
    .first<{ id: string } | undefined>('id');
  const associated = await near(knex, claim)
    .where({ status: 'matched', store_id: claim.store.id })
    .first<{ id: string } | undefined>('id');
  return {
    storeActive: store?.active === true,
    eligibleFrom: customer?.transactions_eligible_from.toISOString() ?? new Date(0).toISOString(),
    duplicate: duplicate !== undefined,
    alreadyAssociated: associated !== undefined,
    minimumAmount: hub?.settings.claimMinimumAmount ?? null,
  };
}

/** The debits that may back the claim: one it already backs first, then the free ones, closest first. */
export async function claimCandidates(knex: Knex, claim: Filed): Promise<string[]> {
  const backing = await knex('rm_hub_transactions').where({ claim_id: claim.claimId }).select<{ id: string }[]>('id');
  const free = await near(knex, claim)
    .where({ status: 'unmatched' })
    .where('amount', '<', 0)
    .orderByRaw('abs(amount - ?), abs(purchase_date::date - ?::date), id', [claim.amount, claim.transactionDate])
    .limit(20)
    .select<{ id: string }[]>('id');
  return [...backing, ...free].map((r) => r.id);
}

/** claimExpiry's work: the pending claims without attachment, oldest first. */
export async function pendingWithoutAttachment(knex: Knex, hubId: string | undefined) {
  const rows = await knex('rm_hub_claims')
    .where({ status: 'pending' })
    .whereNull('attachment_digest')
    .modify((q) => {
      if (hubId !== undefined) q.where({ hub_id: hubId });
    })
    .orderBy([{ column: 'filed_at' }, { column: 'id' }])
    .limit(10_000)
    .select<{ id: string; program_id: string }[]>('id', 'program_id');
  return rows.map((r) => ({ claimId: r.id, programId: r.program_id }));
}
