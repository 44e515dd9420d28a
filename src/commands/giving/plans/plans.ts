import type { CardFeeSettings, PlanCommand, PlanState } from '../../../domain/giving/plans/plan.js';
import type { Frequency } from '../../../domain/giving/plans/schedule.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../../shared/command.js';
import { plans } from './aggregate.js';

export interface PlanDeps extends CommandDeps {
  /** Seals the card token before it enters an event. */
  readonly secrets: SecretBox;
}

/** The plan as the client asks for it: the command's data without what the handler adds. */
export type CreatePlanInput = Omit<
  Extract<PlanCommand, { type: 'CreatePlan' }>['data'],
  'planId' | 'programId' | 'now'
>;

export type PlanResult = CommandResult<PlanState> & { readonly id: string };

export async function createPlan(deps: PlanDeps, input: CreatePlanInput, context: CommandContext): Promise<PlanResult> {
  const planId = idsFor(context).next();
  const paymentToken = input.paymentToken === null ? null : deps.secrets.seal(input.paymentToken);
  const command: PlanCommand = {
    type: 'CreatePlan',
    data: { ...input, paymentToken, planId, programId: context.tenantId, now: deps.clock.now().toISOString() },
  };
  const result = await plans.handle(planId, command, { store: deps.store, context });
  return { ...result, id: planId };
}

export interface ChangePlanInput {
  readonly amount?: number;
  readonly frequency?: Frequency;
  readonly status?: 'active' | 'paused';
  readonly paymentToken?: string;
  readonly cardFee: CardFeeSettings;
}

export async function changePlan(
  deps: PlanDeps,
  planId: string,
  input: ChangePlanInput,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<PlanState>> {
  const { paymentToken, ...rest } = input;
  const data = {
    ...rest,
    ...(paymentToken !== undefined ? { paymentToken: deps.secrets.seal(paymentToken) } : {}),
    now: deps.clock.now().toISOString(),
  };
  return plans.handle(
    planId,
    { type: 'ChangePlan', data },
    { store: deps.store, context, expectedRevision: expectedVersion },
  );
}

/** Cancels or deletes the plan: commands that carry nothing but their time. */
export async function endPlan(
  type: 'CancelPlan' | 'DeletePlan',
  deps: CommandDeps,
  planId: string,
  context: CommandContext,
  expectedVersion?: bigint,
): Promise<CommandResult<PlanState>> {
  return plans.run(deps, planId, context, ({ now }) => ({ type, data: { now } }), {
    expectedRevision: expectedVersion,
  });
}
