import { planEvents } from '../../../domain/giving/plans/events.js';
import { planDecider, type CardFeeSettings, type PlanCommand, type PlanState } from '../../../domain/giving/plans/plan.js';
import type { Frequency } from '../../../domain/giving/plans/schedule.js';
import type { EventStore } from '../../../platform/eventstore/types.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import { handleCommand, type CommandContext, type CommandResult } from '../../handle.js';
import { idsFor } from '../../ids.js';
import { planStream } from '../streams.js';

export interface PlanDeps {
  readonly store: EventStore;
  /** Seals the card token before it enters an event. */
  readonly secrets: SecretBox;
}

/** The plan as the client asks for it: the command's data without what the handler adds. */
export type CreatePlanInput = Omit<Extract<PlanCommand, { type: 'CreatePlan' }>['data'], 'planId' | 'programId' | 'now'>;

export type PlanResult = CommandResult<PlanState> & { readonly id: string };

export async function createPlan(deps: PlanDeps, input: CreatePlanInput, context: CommandContext, now: Date = new Date()): Promise<PlanResult> {
  const planId = idsFor(context).next();
  const paymentToken = input.paymentToken === null ? null : deps.secrets.seal(input.paymentToken);
  const command: PlanCommand = { type: 'CreatePlan', data: { ...input, paymentToken, planId, programId: context.tenantId, now: now.toISOString() } };
  const result = await handleCommand(deps.store, planDecider, planEvents, planStream(planId), command, context);
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
  now: Date = new Date(),
): Promise<CommandResult<PlanState>> {
  const { paymentToken, ...rest } = input;
  const data = { ...rest, ...(paymentToken !== undefined ? { paymentToken: deps.secrets.seal(paymentToken) } : {}), now: now.toISOString() };
  return handleCommand(deps.store, planDecider, planEvents, planStream(planId), { type: 'ChangePlan', data }, context, { expectedVersion });
}

export async function cancelPlan(store: EventStore, planId: string, context: CommandContext, expectedVersion?: bigint, now: Date = new Date()): Promise<CommandResult<PlanState>> {
  const command: PlanCommand = { type: 'CancelPlan', data: { now: now.toISOString() } };
  return handleCommand(store, planDecider, planEvents, planStream(planId), command, context, { expectedVersion });
}

export async function deletePlan(store: EventStore, planId: string, context: CommandContext, expectedVersion?: bigint, now: Date = new Date()): Promise<CommandResult<PlanState>> {
  const command: PlanCommand = { type: 'DeletePlan', data: { now: now.toISOString() } };
  return handleCommand(store, planDecider, planEvents, planStream(planId), command, context, { expectedVersion });
}
