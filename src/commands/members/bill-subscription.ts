import { foldStream } from '../fold-stream.js';
import { randomUUID } from 'node:crypto';
import { renewalChargeKey } from '../../domain/members/billing.js';
import { memberEvents } from '../../domain/members/events.js';
import { memberDecider } from '../../domain/members/member.js';
import { nextDue, type ChargeOutcome } from '../../domain/members/subscription.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import type { PaymentProvider } from '../../platform/payments/index.js';
import type { PaymentMethods } from './payment-methods.js';
import { members, memberStream } from './aggregates.js';

export interface BillingWorkerDeps {
  readonly store: EventStore;
  readonly payments: PaymentProvider;
  readonly paymentMethods: PaymentMethods;
  /** The program's cause share, whole percent. */
  causeSharePercent(programId: string): Promise<number>;
}

/** Periods caught up in one job at most, so a long-forgotten subscription cannot loop. */
const MAX_PERIODS_PER_RUN = 24;

async function load(store: EventStore, memberId: string) {
  const { state } = await foldStream(store, memberDecider, memberEvents, memberStream(memberId));
  return state.status === 'registered' ? state : undefined;
}

const NO_CARD: ChargeOutcome = {
  status: 'failed',
  code: 'no_payment_method',
  reason: 'No card is on file for this subscription.',
};

/**
 * Charges every period of the member's subscription that is due at `now`, one
 * at a time. Each attempt is keyed by (member, period, attempt) at the provider
 * and recorded only if the period and attempt are still the ones due, so two
 * workers billing at once charge once and record one donation. A decline is
 * recorded (past due) and ends the run: the next tick tries again.
 */
export async function billDuePeriods(
  deps: BillingWorkerDeps,
  memberId: string,
  programId: string,
  now: Date,
): Promise<number> {
  let charged = 0;
  for (let run = 0; run < MAX_PERIODS_PER_RUN; run++) {
    const state = await load(deps.store, memberId);
    const subscription = state?.subscription ?? null;
    const due = nextDue(subscription);
    if (!subscription || !due || new Date(due).getTime() > now.getTime()) break;
    const attempt = subscription.failedAttempts;
    const { amount, currency } = subscription;
    const token = await deps.paymentMethods.open(memberId, programId);
    const outcome = token
      ? await deps.payments.charge({
          idempotencyKey: renewalChargeKey(memberId, due, attempt),
          programId,
          amount,
          currency,
          token,
          description: 'membership renewal',
        })
      : NO_CARD;
    const causeSharePercent = await deps.causeSharePercent(programId);
    const command = {
      type: 'ChargePeriod' as const,
      data: {
        periodStart: due,
        attempt,
        amount,
        currency,
        outcome,
        causeSharePercent,
        donationId: randomUUID(),
        now: now.toISOString(),
      },
    };
    const result = await members.handle(memberId, command, {
      store: deps.store,
      context: { tenantId: programId, actor: 'worker:member-billing' },
    });
    if (outcome.status === 'failed') break;
    if (result.events.length > 0) charged++;
  }
  return charged;
}
