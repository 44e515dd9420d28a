import { perkEvents } from '../../../domain/perks/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type {
  WebhookMessage,
  WebhookSource,
  WebhookSourceContext,
} from '../../../projections/webhooks/webhook-source.js';
import { useRow } from '../../../projections/perks/use-row.js';
import { usePayloadSchemas } from './payloads.js';

type Used = ReturnType<typeof perkEvents.PerkUsed.parse>;

/** The use as the API shows it, from the event that created it: the read model's row mapping, dates in ISO. */
const useFields = (used: Used) => {
  const row = useRow(used);
  return { ...row, address_id: null, created_at: new Date(row.created_at).toISOString() };
};

/** The PerkUsed event of a use, read from the perk's stream up to the feedback's revision. */
async function findUse(event: RecordedEvent, useId: string, ctx: WebhookSourceContext): Promise<Used | undefined> {
  const stream = await ctx.store.readStream(event.streamName, { maxCount: Number(event.revision) + 1 });
  for (const recorded of stream) {
    if (recorded.type !== 'PerkUsed') continue;
    const used = perkEvents.PerkUsed.parse(recorded.data);
    if (used.useId === useId) return used;
  }
  return undefined;
}

/** use.created, use.feedback_given. */
export const perksWebhookSource: WebhookSource = {
  eventTypes: ['PerkUsed', 'PerkUseFeedbackGiven'],
  async messages(event, ctx): Promise<readonly WebhookMessage[]> {
    const envelope = { id: event.id, created_at: event.createdAt.toISOString() };
    if (event.type === 'PerkUsed') {
      const data = { ...useFields(perkEvents.PerkUsed.parse(event.data)), feedback: null };
      return [
        {
          name: 'use.created',
          payload: usePayloadSchemas['use.created'].parse({ ...envelope, type: 'use.created', data }),
        },
      ];
    }
    if (event.type === 'PerkUseFeedbackGiven') {
      const given = perkEvents.PerkUseFeedbackGiven.parse(event.data);
      const used = await findUse(event, given.useId, ctx);
      if (!used) return [];
      const data = { ...useFields(used), feedback: given.feedback, updated_at: new Date(given.givenAt).toISOString() };
      return [
        {
          name: 'use.feedback_given',
          payload: usePayloadSchemas['use.feedback_given'].parse({ ...envelope, type: 'use.feedback_given', data }),
        },
      ];
    }
    return [];
  },
};
