import { billDuePeriods, type BillingWorkerDeps } from '../../commands/members/bill-subscription.js';
import { paymentMethods } from '../../commands/members/payment-methods.js';
import { lazySecretBox } from '../../platform/secret-box.js';
import { dueSubscriptions, type DueSubscription } from '../../projections/members/donations.js';
import { findProgram } from '../../projections/tenancy/programs.js';
import { scheduledWorker, type Due } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const MEMBER_BILLING = 'member-billing';

/** One job per (member, period, attempt): ticks racing on one queue share it. BullMQ ids may not hold ':'. */
const jobOf = (due: DueSubscription): Due<{ memberId: string; programId: string }> => ({
  id: `bill_${due.memberId}_${due.dueAt.getTime()}_${due.attempt}`,
  item: { memberId: due.memberId, programId: due.programId },
});

/**
 * Charges each active subscription when its next period falls due. Two
 * schedulers (or two apps) billing at once charge once: same provider key, and
 * the decider records a period only while it is still the one due.
 */
export function memberBillingWorker(ctx: WorkerContext): BackgroundWorker {
  const deps: BillingWorkerDeps = {
    store: ctx.store,
    payments: ctx.payments,
    paymentMethods: paymentMethods(ctx.knex, lazySecretBox(ctx.knex, ctx.config.SECRETS_KEY)),
    async causeSharePercent(programId) {
      const program = await findProgram(ctx.knex, programId);
      if (!program) throw new Error(`program ${programId} not found`);
      return program.settings.causeSharePercent;
    },
  };
  return scheduledWorker(ctx, {
    name: MEMBER_BILLING,
    everyMs: 60_000,
    due: async (now) => (await dueSubscriptions(ctx.knex, now)).map(jobOf),
    run: ({ memberId, programId }, now) => billDuePeriods(deps, memberId, programId, now),
    retry: { attempts: 3, backoffMs: 1000 },
    // Kept a day, so a second scheduler adding the same job id adds nothing.
    keepDoneForS: 24 * 3600,
  });
}
