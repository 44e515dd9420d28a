import { pushEvents } from '../../../domain/hub/pushes/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import { transactionsByIds } from '../../../projections/hub/transactions/queries.js';
import type { WebhookSource } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage } from '../../shared/status-webhook-source.js';
import { shoppingHub } from '../customers/webhooks.js';
import { transactionItem } from '../transactions/present.js';

/**
 * customer_transactions: one delivery per TransactionsPushed (a batch of at most 100), its items read from the
 * transactions' rows, which the batch was chosen from (so they are there) and which a pushed transaction never
 * leaves (it cannot be dissociated): a redelivery says the same.
 */
export const pushesWebhookSource: WebhookSource = {
  eventTypes: ['TransactionsPushed'],
  names: ['customer_transactions'],
  async messages(event, ctx) {
    const parsed = parseEvent(pushEvents, event.type, event.data);
    if (!parsed) return [];
    const { hubId, transactionIds } = parsed.data;
    const rows = await transactionsByIds(ctx.trx, transactionIds);
    if (rows.length === 0) return [];
    return [
      namedMessage('customer_transactions', {
        transactions: rows.map(transactionItem),
        ...(await shoppingHub(ctx, hubId)),
      }),
    ];
  },
};
