import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

/**
 * One batch of a hub's matched transactions sent as customer_transactions, on `transactionpush-<batchId>` where the
 * batch id derives from the hub and the batch's first transaction (flow 2.4): two pushers that picked the same batch
 * meet on one stream, and only the first append (no_stream) pushes it.
 */
export const pushEvents = {
  TransactionsPushed: z.object({
    batchId: z.string(),
    hubId: z.string(),
    programId: z.string(),
    /** In event order, at most 100. */
    transactionIds: z.array(z.string()).min(1),
    pushedAt: z.string(),
  }),
};
export type PushEvent = EventOf<typeof pushEvents>;
