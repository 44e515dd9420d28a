import { seededUuid } from '../../ids.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import { points } from './aggregate.js';

export const POINTS_EARNING = 'pointsEarning';

/** A matched purchase earns once: its entry id derives from the transaction. */
export const purchaseEntryId = (transactionId: string): string =>
  seededUuid('goodstream:hubpoints:purchase', transactionId);
/** A POINTS hub's completed reward earns once: its entry id derives from the reward. */
export const rewardEntryId = (rewardId: string): string => seededUuid('goodstream:hubpoints:reward', rewardId);

export interface Earning {
  readonly customerId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly entryId: string;
  readonly value: number;
  readonly transactionId: string | null;
  readonly rewardId: string | null;
  readonly operationDate: string;
}

/** PointsEarned on the customer's ledger, once per entry id (a replay or a second engine appends nothing). */
export async function earnPoints(deps: CommandDeps, earning: Earning) {
  const context = { tenantId: earning.programId, actor: POINTS_EARNING, causationId: earning.entryId };
  return points.handle(
    earning.customerId,
    { type: 'EarnPoints', data: { ...earning, now: deps.clock.now().toISOString() } },
    { store: deps.store, context },
  );
}
