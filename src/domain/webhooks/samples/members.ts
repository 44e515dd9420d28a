import type { WebhookPayload } from '../payloads/index.js';
import { at, DAY, type SampleContext } from './time.js';

/* The member surface's events: `ctx.id(1)` is the event's id, `ctx.id(2)` the member's. */

const head = <T extends string>(ctx: SampleContext, type: T) => ({ id: ctx.id(1), type, created_at: at(ctx) });

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

export const memberSamples = {
  'member.registered': (ctx: SampleContext): WebhookPayload<'member.registered'> => ({
    ...head(ctx, 'member.registered'),
    data: {
      id: ctx.id(2),
      email: 'fred.petris@example.org',
      first_name: 'Fred',
      last_name: 'Pétris',
      city: 'Bordeaux',
      zipcode: '33300',
      code_partner: 'GIFT3MONTH',
      member: false,
      created_at: at(ctx),
    },
  }),
  'member.subscription_changed': (ctx: SampleContext): WebhookPayload<'member.subscription_changed'> => ({
    ...head(ctx, 'member.subscription_changed'),
    data: {
      id: ctx.id(2),
      email: 'fred.petris@example.org',
      first_name: 'Fred',
      last_name: 'Pétris',
      member: true,
      subscription: 'M',
      amount: '12.00',
      currency: 'EUR',
      cause_attributes: { id: ctx.id(3) },
    },
  }),
  'use.created': (ctx: SampleContext): WebhookPayload<'use.created'> => ({
    ...head(ctx, 'use.created'),
    data: { ...use(ctx), created_at: at(ctx), feedback: null },
  }),
  'use.feedback_given': (ctx: SampleContext): WebhookPayload<'use.feedback_given'> => ({
    ...head(ctx, 'use.feedback_given'),
    data: { ...use(ctx), feedback: 'like', updated_at: at(ctx) },
  }),
  'member.donation_made': (ctx: SampleContext): WebhookPayload<'member.donation_made'> => ({
    ...head(ctx, 'member.donation_made'),
    data: {
      id: ctx.id(3),
      member_id: ctx.id(2),
      cause_id: ctx.id(4),
      cause_name: 'Ecolo Info',
      subscription: 'M',
      amount: '12.00',
      donation: '9.60',
      currency: 'EUR',
      created_at: at(ctx),
    },
  }),
};
