import { foldStream } from '../../fold-stream.js';
import { planEvents } from '../../../domain/giving/plans/events.js';
import {
  endsBefore,
  isDue,
  nextBillDate,
  planDecider,
  type CardFeeSettings,
  type Plan,
  type PlanCommand,
  type PlanState,
} from '../../../domain/giving/plans/plan.js';
import { donationAmounts } from '../../../domain/giving/donations/fees.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import type { ChargeResult, PaymentProvider } from '../../../platform/payments/index.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { CommandContext } from '../../shared/command.js';
import type { RecordDonationDeps, RecordDonationInput } from '../donations/record-donation.js';
import { planStream } from '../streams.js';
import { plans } from './aggregate.js';
import { chargeKey, periodDonationId } from './period-ids.js';

export interface BillingDeps {
  readonly store: EventStore;
  readonly payments: PaymentProvider;
  readonly secrets: SecretBox;
  /** Whether the campaign still takes donations, and the program's card fee today. */
  readonly facts: (programId: string, campaignId: string) => Promise<BillingFacts>;
  /** The donations part's recordDonation: idempotent by donationId. */
  readonly recordDonation: (
    deps: RecordDonationDeps,
    input: RecordDonationInput,
    context: CommandContext,
  ) => Promise<{ readonly id: string }>;
}

export interface BillingFacts {
  readonly campaignOpen: boolean;
  readonly cardFee: CardFeeSettings;
}

/** One plan to bill as if the clock read `now`. */
export interface BillingJob {
  readonly planId: string;
  readonly programId: string;
  readonly now: string;
}

export interface BillingOutcome {
  readonly outcome: 'billed' | 'payment_failed' | 'ended' | 'not_due';
  /** The plan stream's revision afterwards: what the read model must reach before the next pass. */
  readonly version: bigint | undefined;
}

async function loadPlan(store: EventStore, planId: string): Promise<PlanState> {
  return (await foldStream(store, planDecider, planEvents, planStream(planId))).state;
}

/**
 * What the supporter pays this period: the gift plus, when they cover it, today's card fee (as the donation will show
 * it).
 */
/** What the supporter pays for a period: the gift, plus the fee when they cover it. */
const chargedFor = (plan: Plan, fee: CardFeeSettings): number =>
  donationAmounts(plan.amount, plan.method, plan.coverFee, fee).amount;

async function charge(deps: BillingDeps, plan: Plan, amount: number): Promise<ChargeResult> {
  if (plan.paymentToken === null)
    return { status: 'failed', code: 'no_payment_method', reason: 'the plan has no payment token' };
  return deps.payments.charge({
    idempotencyKey: chargeKey(plan.planId, plan.period, plan.attempt),
    programId: plan.programId,
    amount,
    currency: plan.currency,
    token: deps.secrets.open(plan.paymentToken),
    description: `recurring plan ${plan.planId}, period ${plan.period}`,
  });
}

/**
 * Bills the plan's pending period once, however many workers run it at once:
 * the charge's idempotency key and the donation id come from (plan, period),
 * and the billed event is appended at the revision read, so a second worker
 * finds the period billed and records nothing.
 */
export async function billPlan(deps: BillingDeps, job: BillingJob): Promise<BillingOutcome> {
  const context: CommandContext = {
    tenantId: job.programId,
    actor: 'worker:plan-billing',
    correlationId: `plan-billing:${job.planId}`,
  };
  const decide = (command: PlanCommand) => plans.handle(job.planId, command, { store: deps.store, context });
  const state = await loadPlan(deps.store, job.planId);
  if (state.kind !== 'plan' || state.plan.programId !== job.programId)
    return { outcome: 'not_due', version: undefined };
  const { plan } = state;
  const pending = nextBillDate(plan);
  if (pending !== null && endsBefore(plan, pending)) {
    const ended = await decide({ type: 'EndPlan', data: { now: job.now } });
    return { outcome: 'ended', version: ended.version };
  }
  if (!isDue(plan, job.now)) return { outcome: 'not_due', version: undefined };

  const failed = async (code: string, reason: string): Promise<BillingOutcome> => {
    const result = await decide({
      type: 'RecordPaymentFailure',
      data: { period: plan.period, attempt: plan.attempt, code, reason, now: job.now },
    });
    return { outcome: 'payment_failed', version: result.version };
  };
  const facts = await deps.facts(plan.programId, plan.campaignId);
  // Never take money a donation could not be recorded for.
  if (!facts.campaignOpen)
    return failed('campaign_unavailable', 'the campaign is archived or gone and takes no donations');
  const charged = chargedFor(plan, facts.cardFee);
  let chargeId: string | null = null;
  if (plan.method === 'card') {
    const result = await charge(deps, plan, charged);
    if (result.status === 'failed') {
      const { code, reason } = result;
      return failed(code, reason);
    }
    chargeId = result.chargeId;
  }
  const donationId = periodDonationId(plan.planId, plan.period);
  const { firstName, lastName, email, phone } = plan.supporter;
  await deps.recordDonation(
    { store: deps.store },
    {
      donationId,
      campaignId: plan.campaignId,
      planId: plan.planId,
      amount: plan.amount,
      currency: plan.currency,
      method: plan.method,
      coverFee: plan.coverFee,
      status: 'succeeded',
      chargeId,
      supporter: { firstName, lastName, email, phone, address: null },
      now: job.now,
    },
    context,
  );
  const billed = await decide({
    type: 'BillPlan',
    data: { period: plan.period, donationId, chargeId, charged, now: job.now },
  });
  return { outcome: 'billed', version: billed.version };
}
