import type { PromotionFields, PromotionStatus } from '../../domain/fulfillment/promotions/events.js';
import type { PromotionChanges, PromotionState } from '../../domain/fulfillment/promotions/promotion.js';
import { rewardDecider } from '../../domain/fulfillment/rewards/reward.js';
import { rewardEvents } from '../../domain/fulfillment/rewards/events.js';
import { DomainError } from '../../domain/shared/errors.js';
import { foldStream } from '../fold-stream.js';
import { idsFor } from '../ids.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { promotions } from './aggregates.js';
import { rewardStream } from './streams.js';

type Result = CommandResult<PromotionState>;

/** Each offered sku must be listed, in the promotion's currency. */
async function checkOffers(deps: CommandDeps, skus: readonly string[], currency: string): Promise<void> {
  const details: { field: string; message: string }[] = [];
  for (const [index, sku] of skus.entries()) {
    const { state } = await foldStream(deps.store, rewardDecider, rewardEvents, rewardStream(sku));
    if (state.status === 'none') details.push({ field: `rewards.${index}.sku`, message: `no reward ${sku}` });
    else if (state.fields.currency !== currency)
      details.push({
        field: `rewards.${index}.sku`,
        message: `${sku} is in ${state.fields.currency}, not ${currency}`,
      });
  }
  if (details.length > 0) throw new DomainError('invalid_request', 'the promotion offers rewards it cannot', details);
}

export async function createPromotion(
  deps: CommandDeps,
  input: { readonly fields: PromotionFields; readonly status: PromotionStatus },
  context: CommandContext,
): Promise<Result & { readonly id: string }> {
  await checkOffers(
    deps,
    input.fields.rewards.map((r) => r.sku),
    input.fields.currency,
  );
  const promotionId = idsFor(context).next();
  const command = {
    type: 'CreatePromotion' as const,
    data: { promotionId, programId: context.tenantId, ...input, now: deps.clock.now().toISOString() },
  };
  const result = await promotions.handle(promotionId, command, { store: deps.store, context });
  return { ...result, id: promotionId };
}

export async function updatePromotion(
  deps: CommandDeps,
  promotionId: string,
  input: { readonly changes: PromotionChanges; readonly status?: PromotionStatus; readonly currency: string },
  context: CommandContext,
  expectedRevision: bigint | undefined,
): Promise<Result> {
  if (input.changes.rewards)
    await checkOffers(
      deps,
      input.changes.rewards.map((r) => r.sku),
      input.currency,
    );
  const command = {
    type: 'UpdatePromotion' as const,
    data: {
      programId: context.tenantId,
      changes: input.changes,
      ...(input.status ? { status: input.status } : {}),
      now: deps.clock.now().toISOString(),
    },
  };
  return promotions.handle(promotionId, command, { store: deps.store, context, expectedRevision });
}
