import type { Knex } from 'knex';
import { isUuid } from '../../../platform/uuid.js';
import { iso } from '../iso.js';
import type { DonationView } from './views.js';

interface DonationRow {
  id: string;
  program_id: string;
  deleted: boolean;
  campaign_id: string;
  plan_id: string | null;
  team_id: string | null;
  user_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  address: DonationView['address'];
  status: DonationView['status'];
  method: DonationView['method'];
  amount: string;
  fee: string;
  fee_covered: string;
  donated: string;
  payout: string;
  currency: string;
  captured: boolean;
  captured_at: Date | null;
  refunded: boolean;
  refunded_at: Date | null;
  line_items: DonationView['lineItems'];
  giving_space: DonationView['givingSpace'];
  utm: DonationView['utm'];
  created_at: Date;
  version: string;
}

const toDonation = (row: DonationRow): DonationView => ({
  id: row.id,
  campaignId: row.campaign_id,
  planId: row.plan_id,
  teamId: row.team_id,
  userId: row.user_id,
  firstName: row.first_name,
  lastName: row.last_name,
  email: row.email,
  phone: row.phone,
  address: row.address,
  status: row.status,
  method: row.method,
  amount: Number(row.amount),
  fee: Number(row.fee),
  feeCovered: Number(row.fee_covered),
  donated: Number(row.donated),
  payout: Number(row.payout),
  currency: row.currency,
  createdAt: iso(row.created_at)!,
  captured: row.captured,
  capturedAt: iso(row.captured_at),
  refunded: row.refunded,
  refundedAt: iso(row.refunded_at),
  lineItems: row.line_items,
  givingSpace: row.giving_space,
  utm: row.utm,
  version: Number(row.version),
});

/** A deleted donation, like another program's, is not found. */
export async function findDonation(knex: Knex, programId: string, id: string): Promise<DonationView | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await knex<DonationRow>('rm_giving_donations')
    .where({ program_id: programId, id, deleted: false })
    .first();
  return row && toDonation(row);
}

export interface DonationFilter {
  readonly campaignId?: string | undefined;
  readonly status?: DonationView['status'] | undefined;
  /** Inclusive, on created_at. */
  readonly from?: string | undefined;
  /** Exclusive, on created_at. */
  readonly to?: string | undefined;
}

export interface DonationSort {
  readonly field: 'created_at' | 'amount';
  readonly direction: 'asc' | 'desc';
}

function donationsMatching(knex: Knex, programId: string, filter: DonationFilter) {
  const query = knex<DonationRow>('rm_giving_donations').where({ program_id: programId, deleted: false });
  if (filter.campaignId !== undefined) void query.andWhere({ campaign_id: filter.campaignId });
  if (filter.status !== undefined) void query.andWhere({ status: filter.status });
  if (filter.from !== undefined) void query.andWhere('created_at', '>=', filter.from);
  if (filter.to !== undefined) void query.andWhere('created_at', '<', filter.to);
  return query;
}

export async function countDonations(knex: Knex, programId: string, filter: DonationFilter): Promise<number> {
  const [{ total } = { total: '0' }] = await donationsMatching(knex, programId, filter).count<Array<{ total: string }>>(
    { total: '*' },
  );
  return Number(total);
}

export async function listDonations(
  knex: Knex,
  programId: string,
  filter: DonationFilter,
  page: { offset: number; limit: number; sort: readonly DonationSort[] },
): Promise<DonationView[]> {
  const sort = page.sort.length > 0 ? page.sort : [{ field: 'created_at', direction: 'desc' } as const];
  const rows = await donationsMatching(knex, programId, filter)
    .orderBy([...sort.map((s) => ({ column: s.field, order: s.direction })), { column: 'id', order: 'desc' }])
    .offset(page.offset)
    .limit(page.limit);
  return rows.map(toDonation);
}
