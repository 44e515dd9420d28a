import type { Knex } from 'knex';
import type { Ocr, ReceiptFacts } from '../../../domain/hub/receipts/rules.js';
import { isUuid } from '../../../platform/uuid.js';
import type { Page, PageRequest } from '../../shared/rows.js';

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

export async function receiptOfHub(knex: Knex, hubId: string, id: string): Promise<ReceiptRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await knex('rm_hub_receipts').where({ hub_id: hubId, id }).first()) as ReceiptRow | undefined;
}

export interface ReceiptFilter {
  readonly status?: string | undefined;
  readonly customerId?: string | undefined;
}

/** The hub's receipts by upload date, oldest first (the back office's list). */
export async function listReceipts(
  knex: Knex,
  hubId: string,
  filter: ReceiptFilter,
  page: PageRequest,
): Promise<Page<ReceiptRow>> {
  const base = knex('rm_hub_receipts')
    .where({ hub_id: hubId })
    .modify((q) => {
      if (filter.status !== undefined) q.where({ status: filter.status });
      if (filter.customerId !== undefined) q.where({ customer_id: filter.customerId });
    });
  const [{ count }] = (await base.clone().count({ count: '*' })) as [{ count: string }];
  const rows = (await base
    .orderBy([{ column: 'uploaded_at' }, { column: 'id' }])
    .offset(page.offset)
    .limit(page.limit)) as ReceiptRow[];
  return { rows, total: Number(count) };
}

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

/** What flow 4.3's rules need to know of the business the paper names and of the customer. */
export async function receiptFacts(
  knex: Knex,
  who: { hubId: string; customerId: string },
  ocr: Ocr,
): Promise<ReceiptFacts> {
  const customer = await knex('rm_hub_customers')
    .where({ id: who.customerId })
    .first<{ transactions_eligible_from: Date } | undefined>('transactions_eligible_from');
  const eligibleFrom = customer?.transactions_eligible_from.toISOString() ?? new Date(0).toISOString();
  const id = ocr.businessIdentifier;
  if (id === null) return { store: null, knownElsewhere: false, eligibleFrom, duplicate: false };
  const stores = await knex('rm_hub_stores')
    .where({ external_id: id })
    .select<{ id: string; hub_id: string; external_id: string; type: 'store' | 'service'; active: boolean }[]>(
      'id',
      'hub_id',
      'external_id',
      'type',
      'active',
    );
  const here = stores.find((s) => s.hub_id === who.hubId && s.active);
  const store = here ? { id: here.id, externalId: here.external_id, type: here.type } : null;
  const duplicate =
    store !== null && ocr.total !== null && ocr.date !== null
      ? (await knex('rm_hub_receipts')
          .where({
            customer_id: who.customerId,
            status: 'validated',
            store_id: store.id,
            amount: -ocr.total,
            purchase_date: ocr.date,
          })
          .first('id')) !== undefined
      : false;
  return { store, knownElsewhere: stores.length > 0 && !here, eligibleFrom, duplicate };
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
