import { rewardEvents } from '../../../domain/hub/rewards/events.js';
import { rewardStream } from '../../../commands/hub/streams.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { namedMessage } from '../../shared/status-webhook-source.js';
import { shoppingHub } from '../customers/webhooks.js';
import { offerAt, offerPayload } from '../offers/webhooks.js';

const STATUS = {
  RewardStarted: 'started',
  RewardProgressed: 'pending',
  RewardCompleted: 'completed',
  RewardRefunded: 'refunded',
} as const;

async function customerExternalId(ctx: WebhookSourceContext, customerId: string): Promise<string> {
  const row = (await ctx.trx('rm_hub_customers').where({ id: customerId }).select('customer_external_id').first()) as
    { customer_external_id: string | null } | undefined;
  return row?.customer_external_id ?? '';
}

/** reward_updated at each step of a reward (flow 3.3), the offer as it stood at the step. */
export const rewardsWebhookSource: WebhookSource = {
  eventTypes: Object.keys(STATUS),
  names: ['reward_updated'],
  async messages(event, ctx) {
    const parsed = parseEvent(rewardEvents, event.type, event.data);
    if (!parsed) return [];
    const [first] = await ctx.store.readStream(event.streamName, { maxCount: 1 });
    const started = first && parseEvent(rewardEvents, first.type, first.data);
    if (started?.type !== 'RewardStarted') return [];
    const { rewardId, hubId, customerId, offerId } = started.data;
    const offer = await offerAt(ctx, offerId, event.position);
    if (!offer || event.streamName !== rewardStream(rewardId)) return [];
    // The purchase that completes the reward is counted and completes it in one append: one webhook, `completed`.
    if (parsed.type === 'RewardProgressed') {
      const [next] = await ctx.store.readStream(event.streamName, { fromRevision: event.revision + 1n, maxCount: 1 });
      if (next?.type === 'RewardCompleted') return [];
    }
    return [
      namedMessage('reward_updated', {
        ...(await shoppingHub(ctx, hubId)),
        customer: { id: customerId, externalId: await customerExternalId(ctx, customerId) },
        reward: { id: rewardId, status: STATUS[parsed.type], offerId },
        offer: { ...offerPayload(offerId, offer.settings, offer.createdAt), active: offer.settings.active },
      }),
    ];
  },
};
