import type { Knex } from 'knex';
import type { PlanMethod } from '../../../domain/giving/plans/events.js';
import type { PlanStatus } from '../../../domain/giving/plans/plan.js';
import type { Frequency } from '../../../domain/giving/plans/schedule.js';
import { dated, type Dated, type DatedColumns } from '../../shared/dated.js';
import { findProgramRow, newestOfProgram, type Page, type PageRequest } from '../../shared/rows.js';

export interface PlanRow extends Dated {
  readonly id: string;
  readonly programId: string;
  readonly campaignId: string;
  readonly frequency: Frequency;
  readonly status: PlanStatus;
  readonly method: PlanMethod;
  /** Minor units. */
  readonly amount: number;
  readonly feeCovered: number;
  readonly coverFee: boolean;
  readonly currency: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly hasPaymentToken: boolean;
  readonly startAt: Date;
  readonly endAt: Date | null;
  readonly nextBillDate: Date | null;
}

interface Row extends DatedColumns {
  id: string;
  program_id: string;
  campaign_id: string;
  frequency: Frequency;
  status: PlanStatus;
  method: PlanMethod;
  amount: string;
  fee_covered: string;
  cover_fee: boolean;
  currency: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  has_payment_token: boolean;
  start_at: Date;
  end_at: Date | null;
  next_bill_date: Date | null;
}

const toPlan = (row: Row): PlanRow => ({
  id: row.id,
  programId: row.program_id,
  campaignId: row.campaign_id,
  frequency: row.frequency,
  status: row.status,
  method: row.method,
  amount: Number(row.amount),
  feeCovered: Number(row.fee_covered),
  coverFee: row.cover_fee,
  currency: row.currency,
  firstName: row.first_name,
  lastName: row.last_name,
  email: row.email,
  phone: row.phone,
  hasPaymentToken: row.has_payment_token,
  startAt: row.start_at,
  endAt: row.end_at,
  nextBillDate: row.next_bill_date,
  ...dated(row),
});

/** Scoped by program: another program's plan does not exist for this one. */
export async function findPlan(knex: Knex, programId: string, id: string): Promise<PlanRow | undefined> {
  const row = await findProgramRow<Row>(knex, 'rm_giving_plans', programId, id);
  return row && toPlan(row);
}

export interface PlanFilter {
  readonly status?: PlanStatus;
  readonly campaignId?: string;
}

export async function listPlans(
  knex: Knex,
  programId: string,
  filter: PlanFilter,
  page: PageRequest,
): Promise<Page<PlanRow>> {
  const equal = { status: filter.status, campaign_id: filter.campaignId };
  const { rows, total } = await newestOfProgram<Row>(knex, 'rm_giving_plans', programId, equal, page);
  return { rows: rows.map(toPlan), total };
}

/** Plans a billing pass at `now` must look at: due, or past their end. */
export interface DuePlan {
  readonly id: string;
  readonly programId: string;
  /** The pending period and charge attempt, as the read model last saw them. */
  readonly period: number;
  readonly attempt: number;
}

export async function duePlans(knex: Knex, now: Date, limit = 1000): Promise<DuePlan[]> {
  const rows = await knex('rm_giving_plans')
    .whereIn('status', ['active', 'past_due'])
    .where((q) => void q.where('next_bill_date', '<=', now).orWhere('end_at', '<=', now))
    .orderBy('next_bill_date')
    .limit(limit)
    .select<Array<{ id: string; program_id: string; period: number; attempt: number }>>(
      'id',
      'program_id',
      'period',
      'attempt',
    );
  return rows.map((r) => ({ id: r.id, programId: r.program_id, period: r.period, attempt: r.attempt }));
}

/** Whether the read model has applied the plan's stream up to `version` (a deleted plan has nothing left to apply). */
export async function planCaughtUp(knex: Knex, planId: string, version: bigint): Promise<boolean> {
  const row = await knex('rm_giving_plans').where({ id: planId }).first<{ version: string } | undefined>('version');
  return row === undefined || BigInt(row.version) >= version;
}
