import { foldStreamAt } from '../../../commands/fold-stream.js';
import { bankStream } from '../../../commands/hub/banks/banks.js';
import { bankDecider } from '../../../domain/hub/banks/bank.js';
import { bankEvents, hubBankEvents } from '../../../domain/hub/banks/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage } from '../../shared/status-webhook-source.js';
import { shoppingHub } from '../customers/webhooks.js';

/** The bank as it stood when `event` was appended: its stream folded up to that position, so a replay says the same. */
async function bankAt(ctx: WebhookSourceContext, bankId: string, event: RecordedEvent) {
  const state = await foldStreamAt(ctx.store, bankDecider, bankEvents, bankStream(bankId), event.position);
  return state.status === 'listed' ? { id: state.bankId, name: state.fields.name, active: state.active } : undefined;
}

/**
 * bank_association_notification `INSERT` / `DELETE` when the program associates or dissociates a bank (flow 7.1);
 * bank_status_update when an operator switched a bank it holds on or off (7.2), told on the hub's own stream.
 */
export const hubBanksWebhookSource: WebhookSource = {
  eventTypes: ['HubBankAssociated', 'HubBankDissociated', 'HubBankStatusNotified'],
  names: ['bank_status_update', 'bank_association_notification'],
  async messages(event, ctx) {
    const parsed = parseEvent(hubBankEvents, event.type, event.data);
    if (!parsed) return [];
    const bank = await bankAt(ctx, parsed.data.bankId, event);
    if (!bank) return [];
    const hub = await shoppingHub(ctx, parsed.data.hubId);
    if (parsed.type === 'HubBankStatusNotified')
      return [
        namedMessage('bank_status_update', {
          ...hub,
          // The status the hub was told, even if the bank moved again before this was appended.
          bank: { ...bank, active: parsed.data.active },
        }),
      ];
    return [
      namedMessage('bank_association_notification', {
        eventType: parsed.type === 'HubBankAssociated' ? 'INSERT' : 'DELETE',
        ...hub,
        bank,
      }),
    ];
  },
};
