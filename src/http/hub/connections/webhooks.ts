import { foldStreamAt } from '../../../commands/fold-stream.js';
import { connectionStream } from '../../../commands/hub/connections/connections.js';
import { connectionDecider, type ConnectionState } from '../../../domain/hub/connections/connection.js';
import { connectionEvents } from '../../../domain/hub/connections/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type {
  WebhookMessage,
  WebhookSource,
  WebhookSourceContext,
} from '../../../projections/webhooks/webhook-source.js';
import { parseWebhookPayload } from '../../webhooks/payloads/index.js';
import { shoppingHub } from '../customers/webhooks.js';

type Known = Exclude<ConnectionState, { status: 'none' }>;

/** A connection as it stood at `at`: its stream folded up to that position. */
async function connectionAt(ctx: WebhookSourceContext, connectionId: string, at: RecordedEvent) {
  const stream = connectionStream(connectionId);
  const state = await foldStreamAt(ctx.store, connectionDecider, connectionEvents, stream, at.position);
  return state.status === 'none' ? undefined : state;
}

const bankNames = async (ctx: WebhookSourceContext, ids: string[]) =>
  new Map(
    (await ctx.trx<{ id: string; name: string }>('rm_hub_banks').whereIn('id', ids).select('id', 'name')).map((b) => [
      b.id,
      b.name,
    ]),
  );

const EVENT_TYPES = {
  BankConnectionCreated: 'create',
  BankConnectionDesynchronized: 'update',
  BankConnectionResynchronized: 'update',
  BankConnectionDeleted: 'delete',
} as const;

/**
 * bank_connections_update_v2 `create` / `update` / `delete`, and bank_connections_update beside each `update` (a
 * connection desynchronised or back). The customer's connections are each folded up to the event's position (the
 * read model only names them), so the counts are those of that moment and a redelivery says the same.
 */
export const connectionsWebhookSource: WebhookSource = {
  eventTypes: Object.keys(EVENT_TYPES),
  names: ['bank_connections_update', 'bank_connections_update_v2'],
  async messages(event, ctx) {
    const parsed = parseEvent(connectionEvents, event.type, event.data);
    const trigger = parsed && (await connectionAt(ctx, parsed.data.connectionId, event));
    if (!trigger) return [];
    const { hubId, customerId } = trigger.created;
    const ids = (await ctx.trx('rm_hub_connections').where({ customer_id: customerId }).pluck('id')) as string[];
    const all = new Map<string, Known>([[trigger.created.connectionId, trigger]]);
    for (const id of ids) {
      const state = all.has(id) ? undefined : await connectionAt(ctx, id, event);
      if (state) all.set(id, state);
    }
    const live = [...all.values()]
      .filter((c) => c.status !== 'deleted')
      .sort((a, b) => a.created.createdAt.localeCompare(b.created.createdAt));
    const names = await bankNames(ctx, [...new Set([...all.values()].map((c) => c.created.bankId))]);
    const bankOf = (c: Known) => names.get(c.created.bankId) ?? '';
    const shape = (c: Known) => ({
      id: c.created.connectionId,
      errorCode: c.errorCode,
      errorMessage: c.errorMessage,
      bank: bankOf(c),
      transactionsEligibleFromDate: c.created.transactionsEligibleFromDate.slice(0, 10),
      ...(c.consentExpiresAt !== null ? { consentExpiresAt: c.consentExpiresAt } : {}),
    });
    const customerRow = await ctx
      .trx<{ id: string; customer_external_id: string | null }>('rm_hub_customers')
      .where({ id: customerId })
      .first('customer_external_id');
    const customer = {
      id: customerId,
      externalId: customerRow?.customer_external_id ?? '',
      connectionsOn: live.filter((c) => c.status === 'synchronized').length,
      connectionsOff: live.filter((c) => c.status === 'desynchronized').length,
    };
    const hub = await shoppingHub(ctx, hubId);
    const eventType = EVENT_TYPES[parsed.type as keyof typeof EVENT_TYPES];
    const v2 = {
      event: 'bank_connections_update_v2',
      eventType,
      customer: { ...customer, connections: live.map(shape) },
      connection: shape(trigger),
      ...hub,
    };
    const messages: WebhookMessage[] = [
      { name: 'bank_connections_update_v2', payload: parseWebhookPayload('bank_connections_update_v2', v2) },
    ];
    if (eventType !== 'update') return messages;
    const inError = live.filter((c) => c.status === 'desynchronized');
    const v1 = {
      event: 'bank_connections_update',
      customer,
      connectionsInError: inError.map((c) => ({
        id: c.created.connectionId,
        errorCode: c.errorCode ?? '',
        errorMessage: c.errorMessage ?? '',
        bank: bankOf(c),
      })),
      ...hub,
    };
    return [
      ...messages,
      { name: 'bank_connections_update', payload: parseWebhookPayload('bank_connections_update', v1) },
    ];
  },
};
