import type { Knex } from 'knex';

export interface MemberDonationRow {
  readonly id: string;
  readonly causeId: string | null;
  readonly plan: 'M' | 'Y';
  /** Minor units paid for the period. */
  readonly amount: number;
  /** Minor units given to the cause. */
  readonly donation: number;
  readonly currency: string;
  readonly createdAt: Date;
}

export interface DueSubscription {
  readonly memberId: string;
  readonly programId: string;
  readonly dueAt: Date;
  /** Declined attempts at that period so far: with the period, it names the job. */
  readonly attempt: number;
}

/** A declined renewal is tried again a day later, or at once when the member gives a new card. */
export const RETRY_AFTER_MS = 24 * 3600 * 1000;

/**
 * Subscriptions whose next period is due at `now`: past-due ones included once
 * their retry time has come, so a declined card is not charged every minute.
 */
export async function dueSubscriptions(knex: Knex, now: Date, limit = 500): Promise<DueSubscription[]> {
  const rows = await knex('rm_members as m')
    .leftJoin('gs_member_payment_methods as p', 'p.member_id', 'm.id')
    .whereNotNull('m.subscription')
    .andWhere('m.next_due_at', '<=', now)
    .andWhereRaw('(m.last_failed_at is null or m.last_failed_at <= ? or p.updated_at > m.last_failed_at)', [
      new Date(now.getTime() - RETRY_AFTER_MS),
    ])
    .orderBy('m.next_due_at')
    .limit(limit)
    .select<Array<{ id: string; program_id: string; next_due_at: Date; failed_attempts: number }>>(
      'm.id',
      'm.program_id',
      'm.next_due_at',
      'm.failed_attempts',
    );
  return rows.map((r) => ({
    memberId: r.id,
    programId: r.program_id,
    dueAt: r.next_due_at,
    attempt: Number(r.failed_attempts),
  }));
}
