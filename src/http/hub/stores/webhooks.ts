import { storeListEvents } from '../../../domain/hub/stores/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { WebhookSource } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage } from '../../shared/status-webhook-source.js';
import { shoppingHub } from '../customers/webhooks.js';

/** store_list_updated: `success` when a list is integrated, `failed` with the reason when it fails or is superseded. */
export const storeListsWebhookSource: WebhookSource = {
  eventTypes: ['StoreListIntegrated', 'StoreListFailed', 'StoreListSuperseded'],
  names: ['store_list_updated'],
  async messages(event, ctx) {
    const parsed = parseEvent(storeListEvents, event.type, event.data);
    if (!parsed || parsed.type === 'StoreListRequested') return [];
    const outcome =
      parsed.type === 'StoreListIntegrated'
        ? { result: 'success' as const }
        : { result: 'failed' as const, resultDetail: parsed.data.resultDetail };
    return [
      namedMessage('store_list_updated', {
        requestId: parsed.data.requestId,
        ...outcome,
        ...(await shoppingHub(ctx, parsed.data.hubId)),
      }),
    ];
  },
};
