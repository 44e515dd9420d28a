import { customerEvents } from '../../../domain/hub/customers/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage } from '../../shared/status-webhook-source.js';

/**
 * The customer a stream registered, from the registration it starts with (its dates and ids outlive a deletion, none
 * of them personal), and its ids and hub's as webhooks name them; undefined before the registration.
 */
export async function registeredCustomer(ctx: WebhookSourceContext, streamName: string) {
  const [first] = await ctx.store.readStream(streamName, { maxCount: 1 });
  if (first?.type !== 'CustomerRegistrationStarted') return undefined;
  const registered = customerEvents.CustomerRegistrationStarted.parse(first.data);
  const ids = await customerAndShoppingHub(ctx, {
    customerId: registered.customerId,
    customerExternalId: registered.profile.customerExternalId,
    hubId: registered.hubId,
  });
  return { registered, ids };
}

/** The hub as webhooks name it: its id and its externalId (`shoppingHubExternalId`, empty when it has none). */
export async function shoppingHub(ctx: WebhookSourceContext, hubId: string) {
  const hub = (await ctx.trx('rm_hub_hubs').where({ id: hubId }).select('external_id').first()) as
    { external_id: string | null } | undefined;
  return { shoppingHubId: hubId, shoppingHubExternalId: hub?.external_id ?? '' };
}

/** A customer and its hub as webhooks name them, from what the customer registered with. */
export async function customerAndShoppingHub(
  ctx: WebhookSourceContext,
  registered: { readonly customerId: string; readonly customerExternalId: string | null; readonly hubId: string },
) {
  return {
    customerId: registered.customerId,
    customerExternalId: registered.customerExternalId ?? '',
    ...(await shoppingHub(ctx, registered.hubId)),
  };
}

const SUBSCRIPTION_STATUS = {
  CustomerSubscribed: 'creation',
  CustomerPaymentMethodLinked: 'update',
  CustomerDeleted: 'deletion',
} as const;

/** The method an event brings (none for a deletion). */
function methodOf(event: RecordedEvent) {
  const parsed = parseEvent(customerEvents, event.type, event.data);
  if (parsed?.type === 'CustomerSubscribed' || parsed?.type === 'CustomerPaymentMethodLinked') return parsed.data;
  return undefined;
}

/**
 * customer_creation at the registration; customer_subscription `creation` at the first payment method, `update` at a
 * later one, `deletion` at the deletion, in the seed's shape.
 */
export const customersWebhookSource: WebhookSource = {
  eventTypes: ['CustomerRegistrationStarted', ...Object.keys(SUBSCRIPTION_STATUS)],
  names: ['customer_creation', 'customer_subscription'],
  async messages(event, ctx) {
    const customer = await registeredCustomer(ctx, event.streamName);
    if (!customer) return [];
    const { registered, ids } = customer;
    if (event.type === 'CustomerRegistrationStarted') return [namedMessage('customer_creation', ids)];
    const method = methodOf(event);
    return [
      namedMessage('customer_subscription', {
        status: SUBSCRIPTION_STATUS[event.type as keyof typeof SUBSCRIPTION_STATUS],
        credentialsPreviouslyUsed: method?.credentialsPreviouslyUsed ?? false,
        registrationDate: registered.registrationDate,
        transactionsEligibleFromDate: registered.transactionsEligibleFromDate,
        ...(method ? { dataProviderType: method.dataProviderType } : {}),
        ...ids,
      }),
    ];
  },
};
