import type { RewardFields, RewardStatus } from '../../domain/fulfillment/rewards/events.js';
import type { RewardState } from '../../domain/fulfillment/rewards/reward.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { rewards } from './aggregates.js';

type Result = CommandResult<RewardState>;

export interface ListRewardInput {
  readonly sku: string;
  readonly fields: RewardFields;
  readonly status: RewardStatus;
  readonly stockQuantity: number | null;
}

export function listReward({ store, clock }: CommandDeps, input: ListRewardInput, context: CommandContext) {
  const command = {
    type: 'ListReward' as const,
    data: { ...input, ifAbsent: false, now: clock.now().toISOString() },
  };
  return rewards.handle(input.sku, command, { store, context });
}

export function updateReward(
  { store, clock }: CommandDeps,
  sku: string,
  change: { readonly changes: Partial<RewardFields>; readonly status?: RewardStatus },
  context: CommandContext,
  expectedRevision: bigint | undefined,
): Promise<Result> {
  const command = { type: 'UpdateReward' as const, data: { ...change, now: clock.now().toISOString() } };
  return rewards.handle(sku, command, { store, context, expectedRevision });
}

export function restockReward(
  { store, clock }: CommandDeps,
  sku: string,
  quantity: number,
  context: CommandContext,
): Promise<Result> {
  const command = { type: 'Restock' as const, data: { quantity, now: clock.now().toISOString() } };
  return rewards.handle(sku, command, { store, context });
}

const sandboxProvider = { id: 'sandbox', name: 'Sandbox' };
const common = {
  provider: sandboxProvider,
  currency: 'EUR',
  countries: ['FR', 'DE', 'ES', 'IT', 'BE', 'NL'],
  categories: ['gift_card'],
  media: ['code', 'pdf'] as RewardFields['media'],
  termsAndConditions: 'Sandbox reward: the codes are placeholders and worth nothing.',
  logoUrl: null,
};
const fixed = (name: string, faceValue: number, description: string): RewardFields => ({
  ...common,
  name,
  denominationType: 'fixed',
  faceValue,
  minValue: null,
  maxValue: null,
  description,
});

/** The sandbox catalogue every start lists when it is missing: placeholder rewards of the sandbox provider. */
export const SANDBOX_REWARDS: readonly ListRewardInput[] = [
  {
    sku: 'SANDBOX-GIFT-10EUR',
    fields: fixed('Sandbox gift card 10 EUR', 1000, 'A fixed 10.00 EUR sandbox gift card.'),
    status: 'enabled',
    stockQuantity: null,
  },
  {
    sku: 'SANDBOX-VAR-EUR',
    fields: {
      ...common,
      name: 'Sandbox gift card, any value',
      denominationType: 'variable',
      faceValue: null,
      minValue: 500,
      maxValue: 50000,
      description: 'A variable sandbox gift card, 5.00 to 500.00 EUR.',
    },
    status: 'enabled',
    stockQuantity: null,
  },
  {
    sku: 'SANDBOX-FAIL',
    fields: fixed('Sandbox failing reward', 1000, 'The sandbox provider always fails it: the order ends failed.'),
    status: 'enabled',
    stockQuantity: null,
  },
  {
    sku: 'SANDBOX-SLOW',
    fields: fixed('Sandbox slow reward', 1000, 'The sandbox provider answers after the 10 s wait: processing first.'),
    status: 'enabled',
    stockQuantity: null,
  },
];

/** Lists the sandbox rewards that are missing; those already listed (and what operators changed) stay as they are. */
export async function seedSandboxCatalogue({ store, clock }: CommandDeps): Promise<Position | undefined> {
  const context = { tenantId: 'platform', actor: 'system:fulfillment-sandbox' };
  const now = clock.now().toISOString();
  let last: Position | undefined;
  for (const reward of SANDBOX_REWARDS) {
    const command = { type: 'ListReward' as const, data: { ...reward, ifAbsent: true, now } };
    last = (await rewards.handle(reward.sku, command, { store, context })).position ?? last;
  }
  return last;
}
