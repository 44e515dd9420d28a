import { seededUuid } from '../../ids.js';
import { POINTS } from '../rewards/kinds.js';
import type { PageStreams } from '../rewards/page-streams.js';
import { pointsStream } from '../streams.js';

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

/**
 * PointsEarned on the customer's ledger, decided in the reward engine's page, once per entry id (a replay or a second
 * engine appends nothing). A ledger the page does not know yet is noted missing, and the page decided again.
 */
export function earnPoints(page: PageStreams, earning: Earning, now: string): void {
  const context = { tenantId: earning.programId, actor: POINTS_EARNING, causationId: earning.entryId };
  page.decide(POINTS, pointsStream(earning.customerId), { type: 'EarnPoints', data: { ...earning, now } }, context);
}
