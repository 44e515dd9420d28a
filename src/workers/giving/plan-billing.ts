import { billPlan } from '../../commands/giving/plans/billing.js';
import { planCampaignFacts } from '../../commands/giving/plans/campaign-facts.js';
import { recordDonation } from '../../commands/giving/donations/record-donation.js';
import { lazySecretBox } from '../../platform/secret-box.js';
import { duePlans, planCaughtUp, type DuePlan } from '../../projections/giving/plans/queries.js';
import { scheduledWorker, type Due } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

const PLAN_BILLING = 'plan-billing';

/**
 * One job per (plan, period, charge attempt): two overlapping ticks queue it
 * once. Jobs are removed when done, so a later tick can retry a failed charge;
 * a job that finds its period billed records nothing, and across queues (two
 * deployments on one database) billPlan is idempotent per (plan, period) too.
 */
const jobOf = (plan: DuePlan): Due<{ planId: string; programId: string }> => ({
  id: `plan_${plan.id}_${plan.period}_${plan.attempt}`,
  item: { planId: plan.id, programId: plan.programId },
});

export function planBillingWorker(ctx: WorkerContext): BackgroundWorker {
  const secrets = lazySecretBox(ctx.knex, ctx.config.SECRETS_KEY);

  async function caughtUp(planId: string, version: bigint): Promise<void> {
    const deadline = Date.now() + ctx.config.READ_YOUR_WRITES_TIMEOUT_MS;
    while (!(await planCaughtUp(ctx.knex, planId, version)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  }

  return scheduledWorker(ctx, {
    name: PLAN_BILLING,
    everyMs: 60_000,
    due: async (now) => (await duePlans(ctx.knex, now)).map(jobOf),
    async run(item, now) {
      const deps = { store: ctx.store, knex: ctx.knex };
      const facts = (programId: string, campaignId: string) => planCampaignFacts(deps, programId, campaignId);
      const { outcome, version } = await billPlan(
        { ...deps, payments: ctx.payments, secrets: await secrets(), facts, recordDonation },
        { ...item, now: now.toISOString() },
      );
      ctx.logger.info({ planId: item.planId, outcome }, 'recurring plan billing');
      // Done once the read model shows it, so the next pass sees the plan's new period and the API the new date.
      if (version !== undefined) await caughtUp(item.planId, version);
      return outcome;
    },
  });
}
