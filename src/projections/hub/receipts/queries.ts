import type { Knex } from 'knex';
import type { Ocr, ReceiptFacts } from '../../../domain/hub/receipts/rules.js';
import { hubRowFinder, hubList } from '../../shared/rows.js';

export interface ReceiptRow {
  readonly id: string;
  readonly hub_id: string;
  readonly customer_id: string;
  readonly status: 'pending' | 'underReview' | 'validated' | 'rejected';
  readonly rejection_reason: string | null;
  readonly image_digest: string;
  readonly media_type: string;
  readonly filename: string | null;
  readonly ocr_business_identifier: string | null;
  readonly ocr_total: string | null;
  readonly ocr_currency: string | null;
  readonly ocr_date: string | null;
  readonly ocr_time: string | null;
  readonly ocr_payment_method: string | null;
  readonly declared_store_id: string | null;
  readonly declared_store_name: string | null;
  readonly store_id: string | null;
  readonly store_external_id: string | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly purchase_date: string | null;
  readonly time_of_purchase: string | null;
  readonly transaction_id: string | null;
  readonly uploaded_at: Date;
  readonly version: string;
}

export const receiptOfHub = hubRowFinder<ReceiptRow>('rm_hub_receipts');

export interface ReceiptFilter {
  readonly status?: string | undefined;
  readonly customerId?: string | undefined;
}

/** The hub's receipts by upload date, oldest first (the back office's list). */
export const listReceipts = hubList<ReceiptFilter, ReceiptRow>(
  'rm_hub_receipts',
  [{ column: 'uploaded_at' }, { column: 'id' }],
  (q, filter) => {
    if (filter.status !== undefined) q.where({ status: filter.status });
    if (filter.customerId !== undefined) q.where({ customer_id: filter.customerId });
  },
);

/** The customer's receipts, newest first. */
export const customerReceipts = async (knex: Knex, customerId: string): Promise<ReceiptRow[]> =>
  (await knex('rm_hub_receipts')
    .where({ customer_id: customerId })
    .orderBy([{ column: 'uploaded_at', order: 'desc' }, { column: 'id' }])
    .limit(1000)) as ReceiptRow[];

/** Decision 42: the oldest receipt under review uploaded after `after` (or from the start). */
export async function nextUnderReview(knex: Knex, hubId: string, after: ReceiptRow | undefined) {
  return (await knex('rm_hub_receipts')
    .where({ hub_id: hubId, status: 'underReview' })
    .modify((q) => {
      if (after) q.whereRaw('(uploaded_at, id) > (?, ?)', [after.uploaded_at, after.id]);
    })
    .orderBy([{ column: 'uploaded_at' }, { column: 'id' }])
    .first()) as ReceiptRow | undefined;
}

/** What flow 4.3's rules need of the read models, and the customer's external id for the receipt's event. */
export interface UploadFacts {
  readonly customerExternalId: string | null;
  readonly facts: ReceiptFacts;
}

interface FactsRow {
  readonly customer_external_id: string | null;
  readonly eligible_from: Date | null;
  readonly stores: { id: string; hub_id: string; external_id: string; type: 'store' | 'service'; active: boolean }[];
  readonly duplicate: boolean;
}

/**
 * One round trip for what an upload is decided on: the customer, the stores the paper's business identifier names
 * (this hub's and others'), and whether the customer has a validated receipt of that store, total and date. With no
 * reading (`ocr` null) only the customer is looked up.
 */
export async function uploadFacts(
  knex: Knex,
  who: { hubId: string; customerId: string },
  ocr: Ocr | null,
): Promise<UploadFacts> {
  const { rows } = await knex.raw<{ rows: FactsRow[] }>(
    `with named as (
       select id, hub_id, external_id, type, active from rm_hub_stores where ?::text is not null and external_id = ?
     ), here as (select id from named where hub_id = ? and active limit 1)
     select case when c.hub_id = ? and c.deleted_at is null then c.customer_external_id end as customer_external_id,
       c.transactions_eligible_from as eligible_from,
       coalesce((select json_agg(named) from named), '[]') as stores,
       ?::bigint is not null and ?::text is not null and exists (
         select 1 from rm_hub_receipts r join here on r.store_id = here.id
         where r.customer_id = ? and r.status = 'validated' and r.amount = -(?::bigint) and r.purchase_date = ?
       ) as duplicate
     from (select 1) one left join rm_hub_customers c on c.id = ?`,
    [
      ocr?.businessIdentifier ?? null,
      ocr?.businessIdentifier ?? null,
      who.hubId,
      who.hubId,
      ocr?.total ?? null,
      ocr?.date ?? null,
      who.customerId,
      ocr?.total ?? null,
      ocr?.date ?? null,
      who.customerId,
    ],
  );
  const row = rows[0]!;
  const here = row.stores.find((s) => s.hub_id === who.hubId && s.active);
  const store = here ? { id: here.id, externalId: here.external_id, type: here.type } : null;
  return {
    customerExternalId: row.customer_external_id,
    facts: {
      store,
      knownElsewhere: row.stores.length > 0 && !here,
      eligibleFrom: (row.eligible_from ?? new Date(0)).toISOString(),
      duplicate: store !== null && row.duplicate,
    },
  };
}

/** Validated receipts whose scan transaction is not in the transactions read model (of one hub, or all). */
export async function validatedWithoutTransaction(knex: Knex, hubId: string | undefined) {
  const rows = await knex('rm_hub_receipts as r')
    .where('r.status', 'validated')
    .whereNotExists(knex('rm_hub_transactions as t').whereRaw('t.id = r.transaction_id'))
    .modify((q) => {
      if (hubId !== undefined) q.where('r.hub_id', hubId);
    })
    .limit(10_000)
    .select<{ id: string; program_id: string }[]>('r.id', 'r.program_id');
  return rows.map((r) => ({ id: r.id, programId: r.program_id }));
}
