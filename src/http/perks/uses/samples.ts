import type { WebhookPayload } from '../../webhooks/payloads/index.js';
import { at, DAY, type SampleContext } from '../../webhooks/samples/time.js';
import { envelopeHead } from '../../webhooks/samples/envelope.js';

/* A use's events: `ctx.id(1)` is the event's id, `ctx.id(2)` the member's, `ctx.id(3)` the use's. */

function use(ctx: SampleContext) {
  return {
    id: ctx.id(3),
    member_id: ctx.id(2),
    perk_id: ctx.id(4),
    perk_name: 'Un cookie offert',
    business_id: ctx.id(5),
    business_name: 'Label Terre',
    address_id: ctx.id(6),
    created_at: at(ctx, -DAY),
  };
}

export const useSamples = {
  'use.created': (ctx: SampleContext): WebhookPayload<'use.created'> => ({
    ...envelopeHead(ctx, 'use.created'),
    data: { ...use(ctx), created_at: at(ctx), feedback: null },
  }),
  'use.feedback_given': (ctx: SampleContext): WebhookPayload<'use.feedback_given'> => ({
    ...envelopeHead(ctx, 'use.feedback_given'),
    data: { ...use(ctx), feedback: 'like', updated_at: at(ctx) },
  }),
};
