import { at, DAY, type SampleContext } from '../../webhooks/samples/time.js';
import { enveloped } from '../../webhooks/samples/envelope.js';

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
  'use.created': enveloped('use.created', (ctx) => ({ ...use(ctx), created_at: at(ctx), feedback: null })),
  'use.feedback_given': enveloped('use.feedback_given', (ctx) => ({
    ...use(ctx),
    feedback: 'like',
    updated_at: at(ctx),
  })),
};
