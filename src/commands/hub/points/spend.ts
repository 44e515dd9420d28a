import { idsFor } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { points } from './aggregate.js';

export interface Spend {
  readonly customerId: string;
  readonly hubId: string;
  readonly value: number;
  readonly operationDate: string;
}

/**
 * spendPoints: PointsSpent decided against the ledger's fold at its revision, so two spends at once never take the
 * balance below zero (the second one's append conflicts, is decided again, and is refused 422 past the balance).
 */
export async function spendPoints(deps: CommandDeps, spend: Spend, context: CommandContext) {
  const entryId = idsFor(context).next();
  const result = await points.run(deps, spend.customerId, context, ({ programId, now }) => ({
    type: 'SpendPoints',
    data: { ...spend, entryId, programId, now },
  }));
  return { ...result, entryId };
}
