import { customerEvents } from '../../../domain/hub/customers/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { parseWebhookPayload } from '../../webhooks/payloads/index.js';

/** The registration the customer's stream starts with: its dates and ids outlive a deletion (none of them personal). */
async function registrationOf(event: RecordedEvent, ctx: WebhookSourceContext) {
  const [first] = await ctx.store.readStream(event.streamName, { maxCount: 1 });
  return first && first.type === 'CustomerRegistrationStarted'
    ? customerEvents.CustomerRegistrationStarted.parse(first.data)
    : undefined;
}

/** The hub's externalId as webhooks name it (`shoppingHubExternalId`), empty when it has none. */
export async function hubExternalId(ctx: WebhookSourceContext, hubId: string): Promise<string> {
  const hub = (await ctx.trx('rm_hub_hubs').where({ id: hubId }).select('external_id').first()) as
    { external_id: string | null } | undefined;
  return hub?.external_id ?? '';
}

/** customer_creation at the registration, customer_subscription `deletion` at the deletion, in the seed's shape. */
export const customersWebhookSource: WebhookSource = {
  eventTypes: ['CustomerRegistrationStarted', 'CustomerDeleted'],
  async messages(event, ctx) {
    const registered = await registrationOf(event, ctx);
    if (!registered) return [];
    const ids = {
      customerId: registered.customerId,
      customerExternalId: registered.profile.customerExternalId ?? '',
      shoppingHubId: registered.hubId,
      shoppingHubExternalId: await hubExternalId(ctx, registered.hubId),
    };
    if (event.type === 'CustomerRegistrationStarted')
      return [
        {
          name: 'customer_creation',
          payload: parseWebhookPayload('customer_creation', { event: 'customer_creation', ...ids }),
        },
      ];
    return [
      {
        name: 'customer_subscription',
        payload: parseWebhookPayload('customer_subscription', {
          event: 'customer_subscription',
          status: 'deletion',
          credentialsPreviouslyUsed: false,
          registrationDate: registered.registrationDate,
          transactionsEligibleFromDate: registered.transactionsEligibleFromDate,
          ...ids,
        }),
      },
    ];
  },
};
