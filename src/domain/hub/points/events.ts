import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

/** An entry of the ledger, earned or spent, by its id, its customer, and the hub and program it counts in. */
const entry = {
  /** The history entry's id: derived from what earned it, so a second engine meets the first's entry. */
  entryId: z.string(),
  customerId: z.string(),
  hubId: z.string(),
  programId: z.string(),
};

/** A customer's points ledger, on `points-<customerId>`: integers, its fold is the balance (flow 3.5). */
export const pointsEvents = {
  PointsEarned: z.object({
    ...entry,
    value: z.number().int().positive(),
    /** The matched purchase that earned it, or null. */
    transactionId: z.string().nullable(),
    /** The completed reward of a POINTS hub that earned it, or null. */
    rewardId: z.string().nullable(),
    operationDate: z.string(),
  }),
  PointsSpent: z.object({
    ...entry,
    value: z.number().int().positive(),
    operationDate: z.string(),
    spentAt: z.string(),
  }),
};
export type PointsEvent = EventOf<typeof pointsEvents>;
